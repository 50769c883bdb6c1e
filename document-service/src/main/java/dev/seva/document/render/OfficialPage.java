package dev.seva.document.render;

import dev.seva.document.domain.Bilingual;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.function.Consumer;

/**
 * What every document Seva prints shares, certificate or payment receipt: one A4 page in a double
 * frame, the Government of Andhra Pradesh header with the issuing department and the bilingual title;
 * meta rows (label: value, left and right); and at the foot the QR code of the verification address,
 * the verification code beside it (never inside it), the signatory block with the signing date, and
 * the note that the document is electronic. Also the skeleton that draws the page, lets the signer add
 * its dictionary and saves the unsigned PDF.
 */
final class OfficialPage {

    static final Color INK = new Color(0x1A, 0x1A, 0x1A);
    static final Color ACCENT = new Color(0x0B, 0x3D, 0x6B);
    static final Color MUTED = new Color(0x55, 0x5F, 0x6B);
    static final Color RULE = new Color(0xC8, 0xD0, 0xD8);
    static final float LEFT = 56;
    static final float WIDTH = PDRectangle.A4.getWidth() - 2 * LEFT;
    /** The baseline where a document's own content starts, below the title. */
    static final float CONTENT_TOP = 636;
    /** The lowest a document's content may reach: below it is the foot (QR code, signatory). */
    static final float CONTENT_FLOOR = 196;

    static final String GOVERNMENT_EN = "Government of Andhra Pradesh";
    static final String GOVERNMENT_TE = "ఆంధ్రప్రదేశ్ ప్రభుత్వం";
    private static final String SCAN_EN = "Scan to verify";
    private static final String SCAN_TE = "ధృవీకరించడానికి స్కాన్ చేయండి";
    private static final String CODE_EN = "Verification code:";
    private static final String CODE_TE = "ధృవీకరణ కోడ్:";
    private static final String SIGNED_EN = "Digitally signed on ";
    private static final String SIGNED_TE = " న డిజిటల్‌గా సంతకం చేయబడింది";
    /** Meta labels and the characters of numbers and dates, for the prepared fonts. */
    static final String DOCUMENT_NO = "Document No. / పత్రం సంఖ్య";
    static final String DATE_OF_ISSUE = "Date of issue / జారీ తేదీ";
    static final List<String> FIXED_TEXTS = List.of(GOVERNMENT_EN, GOVERNMENT_TE, SCAN_EN, SCAN_TE, CODE_EN, CODE_TE, SIGNED_EN, SIGNED_TE,
            DOCUMENT_NO, DATE_OF_ISSUE, "0123456789-:/.,");

    private OfficialPage() {
    }

    /** Draws the page's content; returns what the caller wants to know of the layout (tests). */
    interface Drawing<T> {
        T draw(PdfCanvas canvas) throws IOException;
    }

    /** The PDF's document information: title, subject, author, creation date (the issue date, UTC midnight). */
    record Info(String title, String subject, String author, LocalDate created) {
    }

    /** The foot: QR code and code, who signs (two lines and a smaller third), the signing date, the note (English ends with the address). */
    record Foot(String verificationUrl, String verificationCode, Bilingual signatory, String signatoryLine, String signedOn,
                String noteEn, String noteTe) {
    }

    /** The one-page PDF; {@code beforeSave} may add to the document (the signature dictionary). */
    static byte[] render(Typesetting typesetting, Info info, Drawing<?> drawing, Consumer<PDDocument> beforeSave) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            describe(document, info);
            try (PdfCanvas canvas = typesetting.canvas(document, page)) {
                drawing.draw(canvas);
            }
            beforeSave.accept(document);
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            document.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render " + info.title(), e);
        }
    }

    /** Draws the page without saving it, for what the drawing says of its layout. */
    static <T> T layOut(Typesetting typesetting, Drawing<T> drawing) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PdfCanvas canvas = typesetting.canvas(document, page)) {
                return drawing.draw(canvas);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lay out a page", e);
        }
    }

    /** The frame, the government and the department (English and Telugu), a rule, and the title. */
    static void header(PdfCanvas c, Bilingual department, Bilingual title) throws IOException {
        float pageWidth = PDRectangle.A4.getWidth();
        float pageHeight = PDRectangle.A4.getHeight();
        float centre = pageWidth / 2;
        c.box(22, 22, pageWidth - 44, pageHeight - 44, 2.2f, ACCENT);
        c.box(27, 27, pageWidth - 54, pageHeight - 54, 0.6f, ACCENT);

        c.centred(GOVERNMENT_EN, centre, 790, 15, true, ACCENT);
        c.centred(GOVERNMENT_TE, centre, 770, 14, true, ACCENT);
        c.centred(department.en(), centre, 751, 11.5f, false, INK);
        c.centred(department.te(), centre, 735, 11.5f, false, INK);
        c.line(LEFT, 722, LEFT + WIDTH, 722, 0.8f, ACCENT);

        c.centred(title.en(), centre, 692, 20, true, INK);
        c.centred(title.te(), centre, 666, 17, true, INK);
    }

    /** "Label: value" at the left margin and "Label: value" ending at the right one. */
    static void metaRow(PdfCanvas c, float y, String leftLabel, String leftValue, String rightLabel, String rightValue) throws IOException {
        float w = c.text(leftLabel + ":", LEFT, y, 9, false, MUTED);
        c.text(leftValue, LEFT + w + 4, y, 9, true, INK);
        float valueWidth = c.width(rightValue, 9, true);
        c.rightAligned(rightLabel + ":", LEFT + WIDTH - valueWidth - 4, y, 9, false, MUTED);
        c.rightAligned(rightValue, LEFT + WIDTH, y, 9, true, INK);
    }

    static void foot(PdfCanvas c, Foot foot) throws IOException {
        float qrSize = 104;
        float qrX = LEFT;
        float qrY = 84;
        QrCode.draw(c.content(), foot.verificationUrl(), qrX, qrY, qrSize);
        c.text(SCAN_EN, qrX, qrY - 12, 8.5f, true, INK);
        c.text(SCAN_TE, qrX, qrY - 25, 8.5f, false, INK);
        // The code opens the key fields on the verification page: on the paper only, never in the QR address,
        // so a forwarded link or a photographed QR code alone shows the minimal record.
        // Beside the QR code, in the white space left of the signature block (below it the note fills the page).
        float codeX = qrX + qrSize + 16;
        c.text(CODE_EN, codeX, qrY + qrSize - 14, 9, true, INK);
        c.text(CODE_TE, codeX, qrY + qrSize - 28, 9, false, INK);
        c.text(foot.verificationCode(), codeX, qrY + qrSize - 48, 14, true, INK);

        float right = LEFT + WIDTH;
        c.rightAligned(foot.signatory().en(), right, 170, 12, true, INK);
        c.rightAligned(foot.signatory().te(), right, 153, 11, true, INK);
        c.rightAligned(foot.signatoryLine(), right, 137, 9.5f, false, MUTED);
        c.rightAligned(SIGNED_EN + foot.signedOn(), right, 116, 9.5f, false, INK);
        c.rightAligned(foot.signedOn() + SIGNED_TE, right, 101, 9.5f, false, INK);

        float noteX = LEFT + qrSize + 16;
        float noteWidth = right - noteX;
        float y = c.paragraph(foot.noteEn() + foot.verificationUrl(), noteX, 76, noteWidth, 7.5f, 10, false, MUTED);
        c.paragraph(foot.noteTe(), noteX, y - 2, noteWidth, 7.5f, 11, false, MUTED);
    }

    private static void describe(PDDocument document, Info info) {
        PDDocumentInformation pdfInfo = document.getDocumentInformation();
        pdfInfo.setTitle(info.title());
        pdfInfo.setAuthor(info.author());
        pdfInfo.setSubject(info.subject());
        pdfInfo.setCreator("Seva document-service");
        Calendar created = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC), Locale.ROOT);
        created.setTimeInMillis(info.created().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        pdfInfo.setCreationDate(created);
        document.getDocumentCatalog().setLanguage("en-IN");
    }
}
