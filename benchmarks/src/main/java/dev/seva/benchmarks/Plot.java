package dev.seva.benchmarks;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** A plain two-series chart (throughput bars, p99 line) drawn with Java2D, so the reports need no plotting library. */
final class Plot {

    private Plot() {
    }

    /** Rows are {second, replies in that second, p99 micros in that second}. */
    static void latencyOverTime(List<long[]> rows, Path png, String title) {
        int width = 1200;
        int height = 500;
        int left = 70;
        int right = 70;
        int top = 50;
        int bottom = 50;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        List<long[]> data;
        synchronized (rows) {
            data = List.copyOf(rows);
        }
        long maxSecond = Math.max(1, data.stream().mapToLong(r -> r[0]).max().orElse(1));
        long maxRate = Math.max(1, data.stream().mapToLong(r -> r[1]).max().orElse(1));
        long maxP99 = Math.max(1, data.stream().mapToLong(r -> r[2]).max().orElse(1));
        int plotWidth = width - left - right;
        int plotHeight = height - top - bottom;
        g.setColor(new Color(120, 170, 230));
        for (long[] r : data) {
            int x = left + (int) ((r[0] - 1) * plotWidth / maxSecond);
            int h = (int) (r[1] * plotHeight / maxRate);
            g.fillRect(x, top + plotHeight - h, Math.max(1, plotWidth / (int) maxSecond), h);
        }
        g.setColor(new Color(200, 40, 40));
        g.setStroke(new BasicStroke(2f));
        for (int i = 1; i < data.size(); i++) {
            long[] a = data.get(i - 1);
            long[] b = data.get(i);
            g.drawLine(left + (int) ((a[0] - 1) * plotWidth / maxSecond), top + plotHeight - (int) (a[2] * plotHeight / maxP99),
                    left + (int) ((b[0] - 1) * plotWidth / maxSecond), top + plotHeight - (int) (b[2] * plotHeight / maxP99));
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left, top, plotWidth, plotHeight);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(title, left, 30);
        g.drawString("seconds (0 .. " + maxSecond + ")", left + plotWidth / 2 - 60, height - 15);
        g.setColor(new Color(60, 110, 190));
        g.drawString("replies/s (max " + maxRate + ")", 5, top - 8);
        g.setColor(new Color(200, 40, 40));
        g.drawString("p99 ms (max " + maxP99 / 1000 + ")", width - right - 60, top - 8);
        g.dispose();
        try {
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
