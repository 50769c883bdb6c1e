package dev.seva.document.render;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The shaper and the embedded fonts, prepared once at start for every document this service prints
 * (certificates and payment receipts): each face is subset to the glyphs their fixed texts shape to
 * ({@link EmbeddedFonts}), so both kinds of document copy the same prepared fonts and only a rare
 * glyph from the data (a Telugu name, a service's Telugu name) costs a subset of its own. Thread-safe.
 */
public final class Typesetting {

    private final TextShaper shaper;
    private final EmbeddedFonts fonts;

    Typesetting(Fonts fonts, Collection<String> fixedTexts) {
        this.shaper = new TextShaper(fonts);
        this.fonts = new EmbeddedFonts(fonts, shaper, fixedTexts);
    }

    /** Prepared for every text that certificates (the templates) and receipts print that does not come from data. */
    public static Typesetting forDocuments(Fonts fonts, TemplateLibrary templates) {
        List<String> texts = new ArrayList<>(OfficialPage.FIXED_TEXTS);
        texts.addAll(FieldTable.FIXED_TEXTS);
        texts.addAll(CertificateRenderer.fixedTexts(templates));
        texts.addAll(ReceiptRenderer.FIXED_TEXTS);
        return new Typesetting(fonts, texts);
    }

    /** A canvas on the page, drawing with these fonts. */
    PdfCanvas canvas(PDDocument document, PDPage page) throws IOException {
        return new PdfCanvas(document, page, fonts, shaper);
    }
}
