package dev.seva.document.render;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The fonts shipped in {@code src/main/resources/fonts/} (SIL Open Font License, see OFL.txt there),
 * read once: their bytes (each PDF embeds a subset) and a Java2D {@link Font} per face, with which the
 * JDK's text layout (HarfBuzz) shapes Telugu: conjuncts, reordered and stacked vowel signs.
 * Immutable and thread-safe.
 */
public final class Fonts {

    /** Shaping happens at this size; positions are then scaled to the size printed. */
    static final float LAYOUT_SIZE = 1000f;

    private final Map<FontFace, byte[]> bytes = new EnumMap<>(FontFace.class);
    private final Map<FontFace, Font> layoutFonts = new EnumMap<>(FontFace.class);

    private Fonts() {
    }

    /** Loads the shipped fonts from the classpath. */
    public static Fonts load() {
        Fonts fonts = new Fonts();
        for (FontFace face : FontFace.values()) {
            String resource = "fonts/" + face.file;
            try (InputStream in = Fonts.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Font missing from the classpath: " + resource);
                }
                byte[] data = in.readAllBytes();
                fonts.bytes.put(face, data);
                fonts.layoutFonts.put(face, Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(data)).deriveFont(LAYOUT_SIZE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (FontFormatException e) {
                throw new IllegalStateException("Not a TrueType font: " + resource, e);
            }
        }
        return fonts;
    }

    /** The TrueType file of the face (shared: never modify). */
    byte[] bytes(FontFace face) {
        return bytes.get(face);
    }

    /** The face at {@link #LAYOUT_SIZE} points, for shaping. */
    Font layoutFont(FontFace face) {
        return layoutFonts.get(face);
    }
}
