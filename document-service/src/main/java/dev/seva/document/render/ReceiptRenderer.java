package dev.seva.document.render;

import dev.seva.document.domain.Bilingual;
import dev.seva.document.domain.PaymentReceipt;
import dev.seva.document.domain.Values;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static dev.seva.document.render.OfficialPage.ACCENT;
import static dev.seva.document.render.OfficialPage.INK;
import static dev.seva.document.render.OfficialPage.LEFT;
import static dev.seva.document.render.OfficialPage.MUTED;
import static dev.seva.document.render.OfficialPage.RULE;
import static dev.seva.document.render.OfficialPage.WIDTH;

/**
 * Lays out a payment receipt on one A4 page, on the same {@link OfficialPage} as certificates (header,
 * foot with QR code, verification code and the department as signatory) and with the same
 * {@link FieldTable}: the amount large under the title, one sentence in English and in Telugu, and the
 * particulars (receipt number, application, service, purpose, amount, method, time, the gateway's
 * payment id). Returns the unsigned PDF. Thread-safe (each call has its own document).
 */
public final class ReceiptRenderer {

    private static final String AMOUNT = "Amount paid / చెల్లించిన మొత్తం";
    private static final String BODY_EN = "Received with thanks %s towards %s of application %s%s, paid online through Seva.";
    private static final String BODY_TE = "దరఖాస్తు %s%s కోసం %s సేవ ద్వారా ఆన్‌లైన్‌లో చెల్లించిన %s కృతజ్ఞతలతో స్వీకరించడమైనది.";
    private static final String TOWARDS_FEE_EN = "the application fee";
    private static final String TOWARDS_BILL_EN = "the bill";
    private static final String TOWARDS_ANY_EN = "the payment";
    private static final String TOWARDS_FEE_TE = "దరఖాస్తు రుసుముగా";
    private static final String TOWARDS_BILL_TE = "బిల్లు చెల్లింపుగా";
    private static final String TOWARDS_ANY_TE = "చెల్లింపుగా";
    private static final String NOTE_EN = "This receipt is issued electronically through Seva and digitally signed; it needs no "
            + "handwritten signature or seal. Check it at ";
    private static final String NOTE_TE = "ఈ రసీదు సేవ ద్వారా ఎలక్ట్రానిక్‌గా జారీ చేయబడి డిజిటల్ సంతకం చేయబడింది; "
            + "చేతి సంతకం లేదా ముద్ర అవసరం లేదు. QR కోడ్‌ను స్కాన్ చేసి దీని ప్రామాణికతను తనిఖీ చేయవచ్చు.";
    private static final Bilingual RECEIPT_NUMBER = new Bilingual("Receipt number", "రసీదు సంఖ్య");
    private static final Bilingual APPLICATION = new Bilingual("Application", "దరఖాస్తు");
    private static final Bilingual SERVICE = new Bilingual("Service", "సేవ");
    private static final Bilingual PURPOSE = new Bilingual("Purpose", "ప్రయోజనం");
    private static final Bilingual AMOUNT_PAID = new Bilingual("Amount paid", "చెల్లించిన మొత్తం");
    private static final Bilingual METHOD = new Bilingual("Payment method", "చెల్లింపు విధానం");
    private static final Bilingual PAID_AT = new Bilingual("Paid at", "చెల్లించిన సమయం");
    private static final Bilingual GATEWAY_ID = new Bilingual("Gateway payment ID", "గేట్‌వే చెల్లింపు ఐడి");
    private static final List<Bilingual> LABELS = List.of(RECEIPT_NUMBER, APPLICATION, SERVICE, PURPOSE, AMOUNT_PAID, METHOD, PAID_AT, GATEWAY_ID);

    /** Every text a receipt prints that does not come from the payment, for the fonts prepared at start. */
    static final List<String> FIXED_TEXTS = fixedTexts();

    private final Typesetting typesetting;

    public ReceiptRenderer(Typesetting typesetting) {
        this.typesetting = typesetting;
    }

    /** The receipt as a one-page PDF; {@code beforeSave} may add to the document (the signature dictionary). */
    public byte[] render(PaymentReceipt receipt, Consumer<PDDocument> beforeSave) {
        Bilingual title = PaymentReceipt.TITLE;
        OfficialPage.Info info = new OfficialPage.Info(title.en() + " " + receipt.receiptNumber(), title.en() + " / " + title.te(),
                receipt.department().en() + ", Government of Andhra Pradesh", receipt.issueDate());
        return OfficialPage.render(typesetting, info, c -> draw(c, receipt), beforeSave);
    }

    private Void draw(PdfCanvas c, PaymentReceipt r) throws IOException {
        OfficialPage.header(c, r.department(), PaymentReceipt.TITLE);
        float centre = PDRectangle.A4.getWidth() / 2;

        float y = OfficialPage.CONTENT_TOP;
        String issued = Values.DATE.format(r.issueDate());
        OfficialPage.metaRow(c, y, OfficialPage.DOCUMENT_NO, r.documentId(), OfficialPage.DATE_OF_ISSUE, issued);
        y -= 14;
        c.line(LEFT, y, LEFT + WIDTH, y, 0.4f, RULE);

        // The amount is what a receipt is read for: large, under the title.
        y -= 26;
        c.centred(AMOUNT, centre, y, 10, false, MUTED);
        y -= 32;
        c.centred(r.amount(), centre, y, 28, true, ACCENT);
        y -= 34;

        y = c.paragraph(bodyEn(r), LEFT, y, WIDTH, 11, 16, false, INK) - 6;
        y = c.paragraph(bodyTe(r), LEFT, y, WIDTH, 11, 19, false, INK) - 12;

        List<FieldTable.Row> rows = rows(r);
        FieldTable.draw(c, rows, FieldTable.layout(c, rows, y - OfficialPage.CONTENT_FLOOR), y);
        OfficialPage.foot(c, new OfficialPage.Foot(r.verificationUrl(), r.verificationCode(), r.department(), OfficialPage.GOVERNMENT_EN,
                issued, NOTE_EN, NOTE_TE));
        return null;
    }

    private static List<FieldTable.Row> rows(PaymentReceipt r) {
        List<FieldTable.Row> rows = new ArrayList<>();
        rows.add(row(RECEIPT_NUMBER, r.receiptNumber()));
        rows.add(row(APPLICATION, r.applicationRef()));
        rows.add(row(SERVICE, r.serviceText()));
        rows.add(row(PURPOSE, r.purposeText()));
        rows.add(row(AMOUNT_PAID, r.amount()));
        rows.add(row(METHOD, r.methodText()));
        rows.add(row(PAID_AT, r.paidAtText()));
        rows.add(row(GATEWAY_ID, r.gatewayPaymentText()));
        return rows;
    }

    private static FieldTable.Row row(Bilingual label, String value) {
        return new FieldTable.Row(label.en(), value, label.te());
    }

    private static String bodyEn(PaymentReceipt r) {
        String towards = "application_fee".equals(r.purpose()) ? TOWARDS_FEE_EN : "bill".equals(r.purpose()) ? TOWARDS_BILL_EN : TOWARDS_ANY_EN;
        return String.format(BODY_EN, r.amount(), towards, r.applicationRef(), r.service() == null ? "" : " (" + r.service().en() + ")");
    }

    private static String bodyTe(PaymentReceipt r) {
        String towards = "application_fee".equals(r.purpose()) ? TOWARDS_FEE_TE : "bill".equals(r.purpose()) ? TOWARDS_BILL_TE : TOWARDS_ANY_TE;
        return String.format(BODY_TE, r.applicationRef(), r.service() == null ? "" : " (" + r.service().te() + ")", towards, r.amount());
    }

    private static List<String> fixedTexts() {
        List<String> texts = new ArrayList<>(List.of(AMOUNT, BODY_EN.replace("%s", " "), BODY_TE.replace("%s", " "), TOWARDS_FEE_EN,
                TOWARDS_BILL_EN, TOWARDS_ANY_EN, TOWARDS_FEE_TE, TOWARDS_BILL_TE, TOWARDS_ANY_TE, NOTE_EN, NOTE_TE, "₹ IST ()"));
        LABELS.forEach(l -> {
            texts.add(l.en());
            texts.add(l.te());
        });
        texts.addAll(PaymentReceipt.codedTexts());
        return List.copyOf(texts);
    }
}
