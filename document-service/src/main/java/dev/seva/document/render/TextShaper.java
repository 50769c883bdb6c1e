package dev.seva.document.render;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shapes text with the JDK's layout engine (HarfBuzz inside {@link Font#layoutGlyphVector}), which
 * applies the OpenType rules of Telugu (conjuncts, pre-base and below-base forms, vowel sign
 * positioning) that PDFBox's {@code showText} does not. Text is split into script runs: Telugu in
 * Noto Sans Telugu, everything else in Noto Sans. Words are shaped once and cached (template words
 * repeat in every certificate); thread-safe.
 */
public final class TextShaper {

    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    private static final int CACHE_LIMIT = 20_000;
    /** Glyph codes the JDK uses for invisible characters (ZWJ, ZWNJ): nothing to draw. */
    private static final int INVISIBLE_GLYPHS = 0xFFFE;

    private final Fonts fonts;
    private final Map<String, ShapedWord> cache = new ConcurrentHashMap<>();
    private final float spaceWidth;

    public TextShaper(Fonts fonts) {
        this.fonts = fonts;
        this.spaceWidth = (float) fonts.layoutFont(FontFace.LATIN).createGlyphVector(FRC, " ").getGlyphPosition(1).getX();
    }

    /** The width of a space, in thousandths of an em. */
    float spaceWidth() {
        return spaceWidth;
    }

    /** A word (no spaces inside) shaped in the given weight. */
    ShapedWord word(String word, boolean bold) {
        String key = bold ? "b" + word : "r" + word;
        ShapedWord shaped = cache.get(key);
        if (shaped == null) {
            shaped = shape(word, bold);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(key, shaped);
        }
        return shaped;
    }

    private ShapedWord shape(String word, boolean bold) {
        List<ShapedWord.Run> runs = new ArrayList<>();
        float offset = 0;
        int start = 0;
        while (start < word.length()) {
            boolean telugu = isTelugu(word.charAt(start));
            int end = start + 1;
            while (end < word.length() && belongsTo(word.charAt(end), telugu)) {
                end++;
            }
            FontFace face = FontFace.of(telugu, bold);
            ShapedWord.Run run = shapeRun(face, word.substring(start, end), offset);
            runs.add(run);
            offset += run.advance();
            start = end;
        }
        return new ShapedWord(List.copyOf(runs), offset);
    }

    private ShapedWord.Run shapeRun(FontFace face, String text, float offset) {
        char[] chars = text.toCharArray();
        GlyphVector gv = fonts.layoutFont(face).layoutGlyphVector(FRC, chars, 0, chars.length, Font.LAYOUT_LEFT_TO_RIGHT);
        int n = gv.getNumGlyphs();
        int[] codes = gv.getGlyphCodes(0, n, null);
        float[] positions = gv.getGlyphPositions(0, n + 1, null);
        int visible = 0;
        for (int code : codes) {
            if (code < INVISIBLE_GLYPHS) {
                visible++;
            }
        }
        int[] glyphs = new int[visible];
        float[] x = new float[visible];
        float[] y = new float[visible];
        for (int i = 0, j = 0; i < n; i++) {
            if (codes[i] < INVISIBLE_GLYPHS) {
                glyphs[j] = codes[i];
                x[j] = positions[2 * i];
                y[j] = -positions[2 * i + 1];
                j++;
            }
        }
        return new ShapedWord.Run(face, text, glyphs, x, y, offset, positions[2 * n]);
    }

    /** Telugu block, plus the joiners and dandas that live inside Telugu text. */
    static boolean isTelugu(char c) {
        return c >= '\u0C00' && c <= '\u0C7F';
    }

    private static boolean belongsTo(char c, boolean teluguRun) {
        if (c == '\u200C' || c == '\u200D') {
            return true;
        }
        return isTelugu(c) == teluguRun;
    }
}
