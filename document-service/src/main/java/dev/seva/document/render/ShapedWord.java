package dev.seva.document.render;

import java.util.List;

/**
 * A word after shaping: runs of glyphs, each in one face, with positions in thousandths of an em
 * (multiply by the font size / 1000 for points). {@code y} grows upwards, as in PDF.
 */
record ShapedWord(List<Run> runs, float width) {

    /** Glyphs of one face; {@code text} is what they show (for the PDF's text extraction). */
    record Run(FontFace face, String text, int[] glyphs, float[] x, float[] y, float offset, float advance) {
    }
}
