package dev.seva.document.render;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A QR code (ZXing's encoder, error correction M) drawn as vector squares: crisp at any zoom and
 * when printed, and a few hundred bytes in the PDF. Each row's adjacent dark modules become one
 * rectangle.
 */
final class QrCode {

    private static final Map<EncodeHintType, Object> HINTS = Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());

    private QrCode() {
    }

    /** Draws the code for {@code text} in a square of {@code size} points whose lower-left corner is (x, y); no quiet zone is added. */
    static void draw(PDPageContentStream content, String text, float x, float y, float size) throws IOException {
        ByteMatrix matrix;
        try {
            matrix = Encoder.encode(text, ErrorCorrectionLevel.M, HINTS).getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot encode a QR code for this text", e);
        }
        int modules = matrix.getWidth();
        float module = size / modules;
        content.setNonStrokingColor(Color.BLACK);
        for (int row = 0; row < modules; row++) {
            int col = 0;
            while (col < modules) {
                if (matrix.get(col, row) != 1) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < modules && matrix.get(col, row) == 1) {
                    col++;
                }
                content.addRect(x + start * module, y + size - (row + 1) * module, (col - start) * module, module);
            }
        }
        content.fill();
    }
}
