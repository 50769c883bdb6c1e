package dev.seva.document.render;

import dev.seva.document.domain.Bilingual;
import dev.seva.document.domain.Bilingual.Language;
import dev.seva.document.domain.Certificate;
import dev.seva.document.domain.CertificateTemplate;
import dev.seva.document.domain.Values;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.Consumer;

/**
 * Lays out a certificate on one A4 page: the Government of Andhra Pradesh header and the issuing
 * department, the title and body in English and Telugu, the key-fields table, and at the foot the QR
 * code of the verification address and the issuing officer. Returns the unsigned PDF. Thread-safe
 * (each call has its own document).
 */
public final class CertificateRenderer {

    private static final Color INK = new Color(0x1A, 0x1A, 0x1A);
    private static final Color ACCENT = new Color(0x0B, 0x3D, 0x6B);
    private static final Color MUTED = new Color(0x55, 0x5F, 0x6B);
    private static final Color RULE = new Color(0xC8, 0xD0, 0xD8);
    private static final float LEFT = 56;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * LEFT;
    private static final float TABLE_FLOOR = 196;
    private static final String GOVERNMENT_EN = "Government of Andhra Pradesh";
    private static final String GOVERNMENT_TE = "ఆంధ్రప్రదేశ్ ప్రభుత్వం";
    private static final String SCAN_EN = "Scan to verify";
    private static final String SCAN_TE = "ధృవీకరించడానికి స్కాన్ చేయండి";
    private static final String CODE_EN = "Verification code:";
    private static final String CODE_TE = "ధృవీకరణ కోడ్:";
    private static final String SIGNED_EN = "Digitally signed on ";
    private static final String SIGNED_TE = " న డిజిటల్‌గా సంతకం చేయబడింది";
    private static final String NOTE_EN = "This certificate is issued electronically through Seva and digitally signed; it needs no "
            + "handwritten signature or seal. Check it at ";
    private static final String NOTE_TE = "ఈ ధృవీకరణ పత్రం సేవ ద్వారా ఎలక్ట్రానిక్‌గా జారీ చేయబడి డిజిటల్ సంతకం చేయబడింది; "
            + "చేతి సంతకం లేదా ముద్ర అవసరం లేదు. QR కోడ్‌ను స్కాన్ చేసి దీని ప్రామాణికతను తనిఖీ చేయవచ్చు.";
    private static final String[] META = {"Document No. / పత్రం సంఖ్య", "Date of issue / జారీ తేదీ", "Application / దరఖాస్తు",
            "Valid until / గడువు", "No expiry / గడువు లేదు", "Issuing officer / జారీ చేసిన అధికారి", "0123456789-:/.,"};
    /** Printed under the table when its last rows do not fit even at the smallest size. */
    static final String MORE_EN = "Further particulars did not fit on this page: see the department's record of this application.";
    static final String MORE_TE = "మిగిలిన వివరాలు ఈ పేజీలో పట్టలేదు: ఈ దరఖాస్తుపై శాఖ రికార్డును చూడండి.";
    private static final String[] FIXED_TEXTS = concat(META, GOVERNMENT_EN, GOVERNMENT_TE, SCAN_EN, SCAN_TE, CODE_EN, CODE_TE, SIGNED_EN, SIGNED_TE, NOTE_EN, NOTE_TE, MORE_EN, MORE_TE);

    private final EmbeddedFonts fonts;
    private final TextShaper shaper;

    public CertificateRenderer(Fonts fonts, TemplateLibrary templates) {
        this.shaper = new TextShaper(fonts);
        this.fonts = new EmbeddedFonts(fonts, shaper, fixedTexts(templates));
    }

    /** Every text a certificate prints that does not come from the department's data. */
    private static List<String> fixedTexts(TemplateLibrary templates) {
        List<String> texts = new ArrayList<>(List.of(FIXED_TEXTS));
        for (CertificateTemplate t : templates.all().values()) {
            texts.add(t.title().en());
            texts.add(t.title().te());
            t.bodyEn().forEach(p -> texts.add(p.replaceAll("\\{[^}]*}", " ")));
            t.bodyTe().forEach(p -> texts.add(p.replaceAll("\\{[^}]*}", " ")));
            for (CertificateTemplate.Field f : t.fields()) {
                texts.add(f.label().en());
                texts.add(f.label().te());
                f.values().values().forEach(v -> texts.add(v.en() + " / " + v.te()));
            }
        }
        templates.names().departments().values().forEach(d -> texts.add(d.en() + " " + d.te()));
        texts.addAll(templates.names().designationsTe().values());
        return texts;
    }

    /** The certificate as a one-page PDF; {@code beforeSave} may add to the document (the signature dictionary). */
    public byte[] render(Certificate certificate, Consumer<PDDocument> beforeSave) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            describe(document, certificate);
            try (PdfCanvas canvas = new PdfCanvas(document, page, fonts, shaper)) {
                draw(canvas, certificate);
            }
            beforeSave.accept(document);
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            document.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render certificate " + certificate.documentId(), e);
        }
    }

    /** How the key-fields table of this certificate is set (for tests: sizes, rows shown). */
    TableLayout tableLayout(Certificate certificate) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PdfCanvas canvas = new PdfCanvas(document, page, fonts, shaper)) {
                return draw(canvas, certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lay out certificate " + certificate.documentId(), e);
        }
    }

    private TableLayout draw(PdfCanvas c, Certificate cert) throws IOException {
        float pageWidth = PDRectangle.A4.getWidth();
        float pageHeight = PDRectangle.A4.getHeight();
        float centre = pageWidth / 2;
        c.box(22, 22, pageWidth - 44, pageHeight - 44, 2.2f, ACCENT);
        c.box(27, 27, pageWidth - 54, pageHeight - 54, 0.6f, ACCENT);

        c.centred(GOVERNMENT_EN, centre, 790, 15, true, ACCENT);
        c.centred(GOVERNMENT_TE, centre, 770, 14, true, ACCENT);
        c.centred(cert.department().en(), centre, 751, 11.5f, false, INK);
        c.centred(cert.department().te(), centre, 735, 11.5f, false, INK);
        c.line(LEFT, 722, LEFT + WIDTH, 722, 0.8f, ACCENT);

        Bilingual title = cert.template().title();
        c.centred(title.en(), centre, 692, 20, true, INK);
        c.centred(title.te(), centre, 666, 17, true, INK);

        float y = 636;
        String issued = Values.DATE.format(cert.issueDate());
        metaRow(c, y, META[0], cert.documentId(), META[1], issued);
        y -= 16;
        metaRow(c, y, META[2], cert.applicationRef(), META[3], cert.validUntil() == null ? META[4] : Values.DATE.format(cert.validUntil()));
        y -= 14;
        c.line(LEFT, y, LEFT + WIDTH, y, 0.4f, RULE);
        y -= 24;

        // The body at 11 pt unless the table below it would then not fit: long values (an address, a
        // business name) appear in the body twice (English, Telugu) and in the table.
        List<String[]> rows = rows(cert);
        float bodySize = BODY_SIZES[0];
        TableLayout layout = null;
        for (float size : BODY_SIZES) {
            bodySize = size;
            layout = layout(c, rows, WIDTH - TABLE_LABEL_WIDTH - 8, y - bodyHeight(c, cert, size) - TABLE_FLOOR);
            if (layout.rowsShown() == rows.size()) {
                break;
            }
        }
        Map<String, CertificateTemplate.Field> fields = cert.fieldsByKey();
        for (Language language : Language.values()) {
            Map<String, Object> values = cert.placeholders(language);
            float leading = leading(language, bodySize);
            for (String paragraph : cert.template().body(language)) {
                y = c.paragraph(Values.fill(paragraph, values, fields, language), LEFT, y, WIDTH, bodySize, leading, false, INK) - 6;
            }
            y -= 6;
        }
        table(c, rows, layout, y);
        foot(c, cert, issued);
        return layout;
    }

    /** Body sizes tried in turn (with the value sizes of the table) until the whole table fits. */
    static final float[] BODY_SIZES = {11, 10, 9};
    private static final float TABLE_LABEL_WIDTH = 190;

    private static float leading(Language language, float bodySize) {
        return (language == Language.TE ? 19 : 16) * bodySize / 11;
    }

    /** The height the body paragraphs take at this size, as drawn below. */
    private static float bodyHeight(PdfCanvas c, Certificate cert, float bodySize) {
        Map<String, CertificateTemplate.Field> fields = cert.fieldsByKey();
        float height = 0;
        for (Language language : Language.values()) {
            Map<String, Object> values = cert.placeholders(language);
            for (String paragraph : cert.template().body(language)) {
                height += c.wrap(Values.fill(paragraph, values, fields, language), WIDTH, bodySize, false).size() * leading(language, bodySize) + 6;
            }
            height += 6;
        }
        return height;
    }

    private static void metaRow(PdfCanvas c, float y, String leftLabel, String leftValue, String rightLabel, String rightValue) throws IOException {
        float w = c.text(leftLabel + ":", LEFT, y, 9, false, MUTED);
        c.text(leftValue, LEFT + w + 4, y, 9, true, INK);
        float valueWidth = c.width(rightValue, 9, true);
        c.rightAligned(rightLabel + ":", LEFT + WIDTH - valueWidth - 4, y, 9, false, MUTED);
        c.rightAligned(rightValue, LEFT + WIDTH, y, 9, true, INK);
    }

    /** Value sizes tried in turn until the whole table fits above the signature block. */
    static final float[] VALUE_SIZES = {10.5f, 9.5f, 8.5f, 7.5f};

    /**
     * The key-fields table. Long values (an address, a business name) wrap; when the rows do not fit
     * above the signature block at the normal size, the values (down to 7.5 pt) and then the body above
     * (down to 9 pt) are set smaller; only if they still do not fit are the last rows left out, and the table then says so, pointing to the
     * department's record: a certificate never loses a row silently nor prints over its signature.
     */
    private void table(PdfCanvas c, List<String[]> rows, TableLayout layout, float top) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        float y = top;
        c.line(LEFT, y + 4, LEFT + WIDTH, y + 4, 0.6f, RULE);
        for (int i = 0; i < layout.rowsShown(); i++) {
            String[] row = rows.get(i);
            List<String> valueLines = layout.lines().get(i);
            float height = layout.heights().get(i);
            float scale = layout.size() / VALUE_SIZES[0];
            c.text(row[0], LEFT + 4, y - 12 * scale, 9 * scale, false, MUTED);
            float ly = y - 12 * scale;
            for (String line : valueLines) {
                c.text(line, LEFT + TABLE_LABEL_WIDTH, ly, layout.size(), true, INK);
                ly -= layout.step() + scale;
            }
            c.text(row[2], LEFT + 4, y - 25 * scale, 8.5f * scale, false, MUTED);
            y -= height;
            c.line(LEFT, y + 4, LEFT + WIDTH, y + 4, 0.4f, RULE);
        }
        if (layout.rowsShown() < rows.size()) {
            c.text(MORE_EN, LEFT + 4, y - 8, 8, false, MUTED);
            c.text(MORE_TE, LEFT + 4, y - 19, 8, false, MUTED);
        }
    }

    /** How the table is set: the value size, each row's wrapped value and height, and how many rows fit. */
    record TableLayout(float size, float step, List<List<String>> lines, List<Float> heights, int rowsShown) {
    }

    static TableLayout layout(PdfCanvas c, List<String[]> rows, float valueWidth, float available) {
        TableLayout last = null;
        for (float size : VALUE_SIZES) {
            float step = 13 * size / 10.5f;
            List<List<String>> lines = new ArrayList<>();
            List<Float> heights = new ArrayList<>();
            float used = 0;
            int fitting = 0;
            for (String[] row : rows) {
                List<String> valueLines = c.wrap(row[1], valueWidth, size, true);
                // at least two lines' room: the English and the Telugu label (set at the same scale)
                float height = Math.max(2 * step, (valueLines.size() + 0.3f) * step) + 4;
                lines.add(valueLines);
                heights.add(height);
                if (fitting == heights.size() - 1 && used + height <= available) {
                    used += height;
                    fitting++;
                }
            }
            last = new TableLayout(size, step, lines, heights, fitting);
            if (fitting == rows.size()) {
                return last;
            }
        }
        // The smallest size still leaves rows out: keep room for the line that says so.
        int shown = last.rowsShown();
        float used = 0;
        for (int i = 0; i < shown; i++) {
            used += last.heights().get(i);
        }
        while (shown > 0 && used + 24 > available) {
            shown--;
            used -= last.heights().get(shown);
        }
        return new TableLayout(last.size(), last.step(), last.lines(), last.heights(), shown);
    }

    /** Label (English), printed value, label (Telugu) for each field that has a value. */
    private static List<String[]> rows(Certificate cert) {
        List<String[]> rows = new ArrayList<>();
        Map<String, CertificateTemplate.Field> fields = cert.fieldsByKey();
        for (CertificateTemplate.Field field : cert.template().fields()) {
            Object value = cert.data().get(field.key());
            if (value != null && !value.toString().isBlank()) {
                rows.add(new String[]{field.label().en(), printed(value, field), field.label().te()});
            }
        }
        if (cert.template().listAllData()) {
            for (Map.Entry<String, Object> e : cert.data().entrySet()) {
                if (!fields.containsKey(e.getKey()) && e.getValue() != null && !e.getValue().toString().isBlank()) {
                    rows.add(new String[]{humanise(e.getKey()), printed(e.getValue(), null), ""});
                }
            }
        }
        return rows;
    }

    private static String printed(Object value, CertificateTemplate.Field field) {
        String en = Values.format(value, field, Language.EN);
        String te = Values.format(value, field, Language.TE);
        return en.equals(te) ? en : en + " / " + te;
    }

    /** "dateOfBirth" → "Date of birth". */
    static String humanise(String key) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char ch = key.charAt(i);
            if (i == 0) {
                out.append(Character.toUpperCase(ch));
            } else if (Character.isUpperCase(ch)) {
                out.append(' ').append(Character.toLowerCase(ch));
            } else {
                out.append(ch == '_' ? ' ' : ch);
            }
        }
        return out.toString();
    }

    private void foot(PdfCanvas c, Certificate cert, String issued) throws IOException {
        float qrSize = 104;
        float qrX = LEFT;
        float qrY = 84;
        QrCode.draw(c.content(), cert.verificationUrl(), qrX, qrY, qrSize);
        c.text(SCAN_EN, qrX, qrY - 12, 8.5f, true, INK);
        c.text(SCAN_TE, qrX, qrY - 25, 8.5f, false, INK);
        // The code opens the key fields on the verification page: on the paper only, never in the QR address,
        // so a forwarded link or a photographed QR code alone shows the minimal record.
        // Beside the QR code, in the white space left of the signature block (below it the note fills the page).
        float codeX = qrX + qrSize + 16;
        c.text(CODE_EN, codeX, qrY + qrSize - 14, 9, true, INK);
        c.text(CODE_TE, codeX, qrY + qrSize - 28, 9, false, INK);
        c.text(cert.verificationCode(), codeX, qrY + qrSize - 48, 14, true, INK);

        float right = LEFT + WIDTH;
        c.rightAligned(cert.officer().en(), right, 170, 12, true, INK);
        c.rightAligned(cert.officer().te(), right, 153, 11, true, INK);
        c.rightAligned(cert.department().en(), right, 137, 9.5f, false, MUTED);
        c.rightAligned(SIGNED_EN + issued, right, 116, 9.5f, false, INK);
        c.rightAligned(issued + SIGNED_TE, right, 101, 9.5f, false, INK);

        float noteX = LEFT + qrSize + 16;
        float noteWidth = right - noteX;
        float y = c.paragraph(NOTE_EN + cert.verificationUrl(), noteX, 76, noteWidth, 7.5f, 10, false, MUTED);
        c.paragraph(NOTE_TE, noteX, y - 2, noteWidth, 7.5f, 11, false, MUTED);
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private static void describe(PDDocument document, Certificate cert) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(cert.template().title().en() + " " + cert.documentId());
        info.setAuthor(cert.department().en() + ", Government of Andhra Pradesh");
        info.setSubject(cert.template().title().en() + " / " + cert.template().title().te());
        info.setCreator("Seva document-service");
        Calendar created = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC), Locale.ROOT);
        created.setTimeInMillis(cert.issueDate().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        info.setCreationDate(created);
        document.getDocumentCatalog().setLanguage("en-IN");
    }
}
