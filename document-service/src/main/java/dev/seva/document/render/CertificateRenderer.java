package dev.seva.document.render;

import dev.seva.document.domain.Bilingual;
import dev.seva.document.domain.Bilingual.Language;
import dev.seva.document.domain.Certificate;
import dev.seva.document.domain.CertificateTemplate;
import dev.seva.document.domain.Values;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static dev.seva.document.render.OfficialPage.INK;
import static dev.seva.document.render.OfficialPage.LEFT;
import static dev.seva.document.render.OfficialPage.RULE;
import static dev.seva.document.render.OfficialPage.WIDTH;

/**
 * Lays out a certificate on one A4 page ({@link OfficialPage}: the Government of Andhra Pradesh header
 * and the issuing department, the foot with the QR code of the verification address and the issuing
 * officer): the title and body of its template in English and Telugu and the key-fields table
 * ({@link FieldTable}). Returns the unsigned PDF. Thread-safe (each call has its own document).
 */
public final class CertificateRenderer {

    private static final String NOTE_EN = "This certificate is issued electronically through Seva and digitally signed; it needs no "
            + "handwritten signature or seal. Check it at ";
    private static final String NOTE_TE = "ఈ ధృవీకరణ పత్రం సేవ ద్వారా ఎలక్ట్రానిక్‌గా జారీ చేయబడి డిజిటల్ సంతకం చేయబడింది; "
            + "చేతి సంతకం లేదా ముద్ర అవసరం లేదు. QR కోడ్‌ను స్కాన్ చేసి దీని ప్రామాణికతను తనిఖీ చేయవచ్చు.";
    private static final String APPLICATION = "Application / దరఖాస్తు";
    private static final String VALID_UNTIL = "Valid until / గడువు";
    private static final String NO_EXPIRY = "No expiry / గడువు లేదు";
    private static final List<String> FIXED_TEXTS = List.of(NOTE_EN, NOTE_TE, APPLICATION, VALID_UNTIL, NO_EXPIRY,
            "Issuing officer / జారీ చేసిన అధికారి");

    private final Typesetting typesetting;

    public CertificateRenderer(Typesetting typesetting) {
        this.typesetting = typesetting;
    }

    /** With its own prepared fonts (tests; the service shares one {@link Typesetting} with the receipts). */
    public CertificateRenderer(Fonts fonts, TemplateLibrary templates) {
        this(Typesetting.forDocuments(fonts, templates));
    }

    /** Every text a certificate prints that does not come from the department's data. */
    static List<String> fixedTexts(TemplateLibrary templates) {
        List<String> texts = new ArrayList<>(FIXED_TEXTS);
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
        Bilingual title = certificate.template().title();
        OfficialPage.Info info = new OfficialPage.Info(title.en() + " " + certificate.documentId(), title.en() + " / " + title.te(),
                certificate.department().en() + ", Government of Andhra Pradesh", certificate.issueDate());
        return OfficialPage.render(typesetting, info, c -> draw(c, certificate), beforeSave);
    }

    /** How the key-fields table of this certificate is set (for tests: sizes, rows shown). */
    FieldTable.Layout tableLayout(Certificate certificate) {
        return OfficialPage.layOut(typesetting, c -> draw(c, certificate));
    }

    private FieldTable.Layout draw(PdfCanvas c, Certificate cert) throws IOException {
        OfficialPage.header(c, cert.department(), cert.template().title());

        float y = OfficialPage.CONTENT_TOP;
        String issued = Values.DATE.format(cert.issueDate());
        OfficialPage.metaRow(c, y, OfficialPage.DOCUMENT_NO, cert.documentId(), OfficialPage.DATE_OF_ISSUE, issued);
        y -= 16;
        OfficialPage.metaRow(c, y, APPLICATION, cert.applicationRef(), VALID_UNTIL,
                cert.validUntil() == null ? NO_EXPIRY : Values.DATE.format(cert.validUntil()));
        y -= 14;
        c.line(LEFT, y, LEFT + WIDTH, y, 0.4f, RULE);
        y -= 24;

        // The body at 11 pt unless the table below it would then not fit: long values (an address, a
        // business name) appear in the body twice (English, Telugu) and in the table.
        List<FieldTable.Row> rows = rows(cert);
        float bodySize = BODY_SIZES[0];
        FieldTable.Layout layout = null;
        for (float size : BODY_SIZES) {
            bodySize = size;
            layout = FieldTable.layout(c, rows, y - bodyHeight(c, cert, size) - OfficialPage.CONTENT_FLOOR);
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
        FieldTable.draw(c, rows, layout, y);
        OfficialPage.foot(c, new OfficialPage.Foot(cert.verificationUrl(), cert.verificationCode(), cert.officer(), cert.department().en(),
                issued, NOTE_EN, NOTE_TE));
        return layout;
    }

    /** Body sizes tried in turn (with the value sizes of the table) until the whole table fits. */
    static final float[] BODY_SIZES = {11, 10, 9};

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

    /** Label (English), printed value, label (Telugu) for each field that has a value. */
    private static List<FieldTable.Row> rows(Certificate cert) {
        List<FieldTable.Row> rows = new ArrayList<>();
        Map<String, CertificateTemplate.Field> fields = cert.fieldsByKey();
        for (CertificateTemplate.Field field : cert.template().fields()) {
            Object value = cert.data().get(field.key());
            if (value != null && !value.toString().isBlank()) {
                rows.add(new FieldTable.Row(field.label().en(), printed(value, field), field.label().te()));
            }
        }
        if (cert.template().listAllData()) {
            for (Map.Entry<String, Object> e : cert.data().entrySet()) {
                if (!fields.containsKey(e.getKey()) && e.getValue() != null && !e.getValue().toString().isBlank()) {
                    rows.add(new FieldTable.Row(humanise(e.getKey()), printed(e.getValue(), null), ""));
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
}
