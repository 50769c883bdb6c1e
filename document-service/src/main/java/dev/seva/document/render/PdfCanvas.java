package dev.seva.document.render;

import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Draws shaped text, lines and boxes on one PDF page. Glyphs are written by their glyph id (the
 * fonts are embedded as CID fonts with Identity-H encoding, see {@link EmbeddedFonts}), each at the
 * position the shaper gave it, so Telugu appears exactly as HarfBuzz laid it out. A glyph the
 * embedded subset lacks (a script the fonts do not cover) prints as the font's empty box and is
 * counted. Not thread-safe: one canvas per document being rendered.
 */
final class PdfCanvas implements AutoCloseable {

    private final PDPage page;
    private final PDPageContentStream content;
    private final EmbeddedFonts fonts;
    private final TextShaper shaper;
    private final PDDocument document;
    private final Map<FontFace, String> resourceNames = new EnumMap<>(FontFace.class);
    private final Map<FontFace, BitSet> usedGlyphs = new EnumMap<>(FontFace.class);
    private final StringBuilder ops = new StringBuilder(256);
    private int ownSubsets;

    PdfCanvas(PDDocument document, PDPage page, EmbeddedFonts fonts, TextShaper shaper) throws IOException {
        this.document = document;
        this.page = page;
        this.content = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.OVERWRITE, true);
        this.fonts = fonts;
        this.shaper = shaper;
    }

    /** How many faces needed a subset of their own (glyphs outside the prepared subsets). */
    int ownSubsets() {
        return ownSubsets;
    }

    /** Width in points of a line of text. */
    float width(String text, float size, boolean bold) {
        float width = 0;
        boolean first = true;
        for (String word : words(text)) {
            width += (first ? 0 : shaper.spaceWidth()) + shaper.word(word, bold).width();
            first = false;
        }
        return width * size / Fonts.LAYOUT_SIZE;
    }

    /** One line of text with its baseline starting at (x, y); returns its width. */
    float text(String text, float x, float y, float size, boolean bold, Color color) throws IOException {
        float pen = 0;
        boolean first = true;
        content.setNonStrokingColor(color);
        content.beginText();
        for (String word : words(text)) {
            if (!first) {
                pen += shaper.spaceWidth();
            }
            first = false;
            ShapedWord shaped = shaper.word(word, bold);
            for (ShapedWord.Run run : shaped.runs()) {
                drawRun(run, x + (pen + run.offset()) * size / Fonts.LAYOUT_SIZE, y, size);
            }
            pen += shaped.width();
        }
        content.endText();
        return pen * size / Fonts.LAYOUT_SIZE;
    }

    /** Text centred on {@code centre}. */
    void centred(String text, float centre, float y, float size, boolean bold, Color color) throws IOException {
        text(text, centre - width(text, size, bold) / 2, y, size, bold, color);
    }

    /** Right-aligned text ending at {@code right}. */
    void rightAligned(String text, float right, float y, float size, boolean bold, Color color) throws IOException {
        text(text, right - width(text, size, bold), y, size, bold, color);
    }

    /** A paragraph wrapped to {@code width}; returns the baseline below its last line. */
    float paragraph(String text, float x, float y, float width, float size, float leading, boolean bold, Color color) throws IOException {
        for (String line : wrap(text, width, size, bold)) {
            text(line, x, y, size, bold, color);
            y -= leading;
        }
        return y;
    }

    /** The lines of a paragraph wrapped to {@code width} points, breaking at spaces. */
    List<String> wrap(String text, float width, float size, boolean bold) {
        List<String> lines = new ArrayList<>();
        float limit = width * Fonts.LAYOUT_SIZE / size;
        StringBuilder line = new StringBuilder();
        float used = 0;
        for (String word : words(text)) {
            float w = shaper.word(word, bold).width();
            if (line.length() > 0 && used + shaper.spaceWidth() + w > limit) {
                lines.add(line.toString());
                line.setLength(0);
                used = 0;
            }
            if (line.length() > 0) {
                line.append(' ');
                used += shaper.spaceWidth();
            }
            line.append(word);
            used += w;
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    void line(float x1, float y1, float x2, float y2, float lineWidth, Color color) throws IOException {
        content.setStrokingColor(color);
        content.setLineWidth(lineWidth);
        content.moveTo(x1, y1);
        content.lineTo(x2, y2);
        content.stroke();
    }

    void box(float x, float y, float w, float h, float lineWidth, Color color) throws IOException {
        content.setStrokingColor(color);
        content.setLineWidth(lineWidth);
        content.addRect(x, y, w, h);
        content.stroke();
    }

    void fill(float x, float y, float w, float h, Color color) throws IOException {
        content.setNonStrokingColor(color);
        content.addRect(x, y, w, h);
        content.fill();
    }

    /** The content stream, for shapes this class does not draw (the QR code). */
    PDPageContentStream content() {
        return content;
    }

    private void drawRun(ShapedWord.Run run, float x, float y, float size) throws IOException {
        FontFace face = run.face();
        float scale = size / Fonts.LAYOUT_SIZE;
        ops.setLength(0);
        ops.append('/').append(resourceName(face)).append(' ');
        number(size).append(" Tf\n");
        BitSet used = usedGlyphs.get(face);
        for (int i = 0; i < run.glyphs().length; i++) {
            int gid = run.glyphs()[i];
            used.set(gid);
            ops.append("1 0 0 1 ");
            number(x + run.x()[i] * scale).append(' ');
            number(y + run.y()[i] * scale).append(" Tm <");
            hex4(gid).append("> Tj\n");
        }
        content.appendRawCommands(ops.toString());
    }

    /** The face's name in the page's font resources, adding this document's copy of the font on first use. */
    private String resourceName(FontFace face) {
        String name = resourceNames.get(face);
        if (name == null) {
            name = "F" + (face.ordinal() + 1);
            PDResources resources = page.getResources();
            COSDictionary fontResources = resources.getCOSObject().getCOSDictionary(COSName.FONT);
            if (fontResources == null) {
                fontResources = new COSDictionary();
                resources.getCOSObject().setItem(COSName.FONT, fontResources);
            }
            fontResources.setItem(COSName.getPDFName(name), fonts.copyFor(face));
            resourceNames.put(face, name);
            usedGlyphs.put(face, new BitSet());
        }
        return name;
    }

    private StringBuilder number(float value) {
        long hundredths = Math.round(value * 100);
        if (hundredths < 0) {
            ops.append('-');
            hundredths = -hundredths;
        }
        ops.append(hundredths / 100).append('.');
        long fraction = hundredths % 100;
        if (fraction < 10) {
            ops.append('0');
        }
        return ops.append(fraction);
    }

    private StringBuilder hex4(int gid) {
        for (int shift = 12; shift >= 0; shift -= 4) {
            ops.append(Character.forDigit((gid >> shift) & 0xF, 16));
        }
        return ops;
    }

    private static String[] words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    }

    /** Finishes the page; a face whose prepared subset lacks a glyph used here is replaced by this document's own subset. */
    @Override
    public void close() throws IOException {
        content.close();
        COSDictionary fontResources = page.getResources().getCOSObject().getCOSDictionary(COSName.FONT);
        for (Map.Entry<FontFace, BitSet> e : usedGlyphs.entrySet()) {
            if (!fonts.covers(e.getKey(), e.getValue())) {
                fontResources.setItem(COSName.getPDFName(resourceNames.get(e.getKey())), fonts.subsetFor(document, e.getKey(), e.getValue()));
                ownSubsets++;
            }
        }
    }
}
