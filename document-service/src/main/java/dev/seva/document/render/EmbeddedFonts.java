package dev.seva.document.render;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fonts as certificates embed them, prepared once: at start PDFBox subsets each face to the
 * glyphs certificates normally need (Basic Latin, Latin-1, Latin Extended-A, punctuation and the
 * rupee sign; every Telugu letter and sign; and every glyph the templates' fixed texts shape to,
 * conjuncts included), and the resulting font objects (CID font, widths, ToUnicode, the subset
 * TrueType file) are kept as an immutable blueprint that each document copies in microseconds,
 * instead of parsing and subsetting half a megabyte of font per certificate. A document that needs
 * a glyph outside the prepared subset (a Telugu name with a rare conjunct) gets its own subset of
 * that face instead ({@link #subsetFor}), slower but exact. Glyph ids in content streams are the
 * original font's (the CIDToGIDMap maps them to the subset's). Thread-safe.
 */
final class EmbeddedFonts {

    private static final int[][] LATIN_RANGES = {{0x0020, 0x007E}, {0x00A0, 0x017F}, {0x2010, 0x2027}, {0x2030, 0x203A}, {0x20B9, 0x20B9}};
    private static final int[][] TELUGU_RANGES = {{0x0C00, 0x0C7F}};

    private final Fonts fonts;
    private final Map<FontFace, Prepared> prepared = new EnumMap<>(FontFace.class);

    /** Prepares each face for the given fixed texts (templates, labels) shaped by {@code shaper}. */
    EmbeddedFonts(Fonts fonts, TextShaper shaper, Collection<String> texts) {
        this.fonts = fonts;
        Map<FontFace, Set<Integer>> shaped = new EnumMap<>(FontFace.class);
        for (FontFace face : FontFace.values()) {
            shaped.put(face, new HashSet<>());
        }
        for (String text : texts) {
            for (String word : text.strip().split("\\s+")) {
                for (boolean bold : new boolean[]{false, true}) {
                    for (ShapedWord.Run run : shaper.word(word, bold).runs()) {
                        for (int gid : run.glyphs()) {
                            shaped.get(run.face()).add(gid);
                        }
                    }
                }
            }
        }
        for (FontFace face : FontFace.values()) {
            boolean telugu = face == FontFace.TELUGU || face == FontFace.TELUGU_BOLD;
            prepared.put(face, prepare(face, fonts.bytes(face), telugu ? TELUGU_RANGES : LATIN_RANGES, shaped.get(face)));
        }
    }

    /** Whether the prepared subset of the face has all these glyphs (original glyph ids). */
    boolean covers(FontFace face, BitSet glyphIds) {
        BitSet outside = (BitSet) glyphIds.clone();
        outside.andNot(prepared.get(face).glyphs);
        return outside.isEmpty();
    }

    /** The face subset to exactly these glyphs, for one document (the slow path: parses and subsets the font). */
    COSDictionary subsetFor(PDDocument document, FontFace face, BitSet glyphIds) throws IOException {
        PDType0Font font = PDType0Font.load(document, new RandomAccessReadBuffer(fonts.bytes(face)), true, false);
        Set<Integer> ids = new HashSet<>();
        glyphIds.stream().forEach(ids::add);
        font.addGlyphsToSubset(ids);
        font.subset();
        return font.getCOSObject();
    }

    /** A fresh copy of the face's font dictionary for one document. */
    COSDictionary copyFor(FontFace face) {
        return (COSDictionary) prepared.get(face).font.copy();
    }

    private static Prepared prepare(FontFace face, byte[] ttfBytes, int[][] ranges, Set<Integer> shapedGlyphs) {
        try (PDDocument scratch = new PDDocument()) {
            BitSet glyphs = new BitSet();
            Set<Integer> glyphIds = new HashSet<>(shapedGlyphs);
            try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(ttfBytes))) {
                var cmap = ttf.getUnicodeCmapLookup();
                for (int[] range : ranges) {
                    for (int cp = range[0]; cp <= range[1]; cp++) {
                        int gid = cmap.getGlyphId(cp);
                        if (gid > 0) {
                            glyphIds.add(gid);
                        }
                    }
                }
            }
            glyphIds.add(0);
            glyphIds.forEach(glyphs::set);
            PDType0Font font = PDType0Font.load(scratch, new RandomAccessReadBuffer(ttfBytes), true, false);
            for (int[] range : ranges) {
                for (int cp = range[0]; cp <= range[1]; cp++) {
                    font.addToSubset(cp);
                }
            }
            font.addGlyphsToSubset(glyphIds);
            font.subset();
            return new Prepared(Node.of(font.getCOSObject()), glyphs);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare font " + face, e);
        }
    }

    private record Prepared(Node font, BitSet glyphs) {
    }

    /** An immutable snapshot of a COS object tree; {@link #copy()} makes fresh objects for a document. */
    private interface Node {

        COSBase copy();

        static Node of(COSBase base) throws IOException {
            if (base instanceof COSObject) {
                return of(((COSObject) base).getObject());
            }
            if (base instanceof COSStream) {
                COSStream stream = (COSStream) base;
                byte[] raw;
                try (InputStream in = stream.createRawInputStream()) {
                    raw = in.readAllBytes();
                }
                return new StreamNode(entries(stream), raw);
            }
            if (base instanceof COSDictionary) {
                return new DictNode(entries((COSDictionary) base));
            }
            if (base instanceof COSArray) {
                List<Node> items = new ArrayList<>();
                for (COSBase item : (COSArray) base) {
                    items.add(of(item));
                }
                return new ArrayNode(List.copyOf(items));
            }
            return new LeafNode(base);
        }

        private static List<Map.Entry<COSName, Node>> entries(COSDictionary dictionary) throws IOException {
            List<Map.Entry<COSName, Node>> entries = new ArrayList<>();
            for (Map.Entry<COSName, COSBase> e : dictionary.entrySet()) {
                if (!COSName.LENGTH.equals(e.getKey())) {
                    entries.add(Map.entry(e.getKey(), of(e.getValue())));
                }
            }
            return List.copyOf(entries);
        }
    }

    private record DictNode(List<Map.Entry<COSName, Node>> entries) implements Node {
        @Override
        public COSBase copy() {
            COSDictionary dictionary = new COSDictionary();
            entries.forEach(e -> dictionary.setItem(e.getKey(), e.getValue().copy()));
            return dictionary;
        }
    }

    private record StreamNode(List<Map.Entry<COSName, Node>> entries, byte[] raw) implements Node {
        @Override
        public COSBase copy() {
            COSStream stream = new COSStream();
            entries.forEach(e -> stream.setItem(e.getKey(), e.getValue().copy()));
            try (OutputStream out = stream.createRawOutputStream()) {
                out.write(raw);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return stream;
        }
    }

    private record ArrayNode(List<Node> items) implements Node {
        @Override
        public COSBase copy() {
            COSArray array = new COSArray();
            items.forEach(item -> array.add(item.copy()));
            return array;
        }
    }

    /** Names, numbers, strings, booleans: immutable, shared as PDFBox shares them. */
    private record LeafNode(COSBase value) implements Node {
        @Override
        public COSBase copy() {
            return value;
        }
    }
}
