package dev.seva.document.service;

import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.contracts.payments.PaymentEvent;
import dev.seva.document.domain.Bilingual;
import dev.seva.document.domain.Certificate;
import dev.seva.document.domain.CertificateTemplate;
import dev.seva.document.domain.PaymentReceipt;
import dev.seva.document.domain.VerificationCode;
import dev.seva.document.render.CertificateRenderer;
import dev.seva.document.render.Fonts;
import dev.seva.document.render.ReceiptRenderer;
import dev.seva.document.render.TemplateLibrary;
import dev.seva.document.render.Typesetting;
import dev.seva.document.signing.PadesSigner;
import dev.seva.document.signing.SigningKey;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole making of a document, with no framework around it (the service and the benchmark use
 * it alike): an approved outcome becomes a {@link Certificate} (template of its type, department's
 * data, standard fields), a paid payment a {@link PaymentReceipt}; either then a rendered PDF, signed
 * with the one signing key, with its SHA-256. Both renderers share the fonts prepared at start. Thread-safe.
 */
public final class CertificateFactory {

    /** Certificates are dated in India's time zone. */
    public static final ZoneId ISSUE_ZONE = ZoneId.of("Asia/Kolkata");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TemplateLibrary templates;
    private final CertificateRenderer renderer;
    private final ReceiptRenderer receipts;
    private final PadesSigner signer;
    private final String verifyBaseUrl;

    public CertificateFactory(TemplateLibrary templates, CertificateRenderer renderer, ReceiptRenderer receipts, PadesSigner signer,
                              String verifyBaseUrl) {
        this.templates = templates;
        this.renderer = renderer;
        this.receipts = receipts;
        this.signer = signer;
        this.verifyBaseUrl = verifyBaseUrl.endsWith("/") ? verifyBaseUrl.substring(0, verifyBaseUrl.length() - 1) : verifyBaseUrl;
    }

    /** Loads the shipped fonts and templates and prepares the renderer and signer (about a second). */
    public static CertificateFactory create(SigningKey key, String verifyBaseUrl) {
        TemplateLibrary templates = TemplateLibrary.load();
        Typesetting typesetting = Typesetting.forDocuments(Fonts.load(), templates);
        return new CertificateFactory(templates, new CertificateRenderer(typesetting), new ReceiptRenderer(typesetting), new PadesSigner(key),
                verifyBaseUrl);
    }

    /** A new document id: "doc_" and 128 random bits, so ids cannot be guessed from one another. */
    public static String newDocumentId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "doc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String verificationUrl(String documentId) {
        return verifyBaseUrl + "/verify/" + documentId;
    }

    public TemplateLibrary templates() {
        return templates;
    }

    /** What the approved outcome's document will say (with a new verification code); throws {@link MissingData} when the department left out required data. */
    public Certificate certificate(String documentId, ApplicationOutcomeDecided outcome, Instant issuedAt) {
        return certificate(documentId, outcome, outcome.document().data(), issuedAt);
    }

    /**
     * The same with the outcome's data already opened (its sealed values replaced by what they print,
     * {@code SealedData}): what the certificate says, its masked holder and public fields come from {@code data}.
     */
    public Certificate certificate(String documentId, ApplicationOutcomeDecided outcome, Map<String, Object> data, Instant issuedAt) {
        ApplicationOutcomeDecided.DocumentData document = outcome.document();
        CertificateTemplate template = templates.template(document.type());
        List<String> missing = template.missing(data);
        if (!missing.isEmpty()) {
            throw new MissingData(document.type(), missing);
        }
        String designation = outcome.officer() == null ? null : outcome.officer().designation();
        return new Certificate(documentId, outcome.applicationRef(), template, templates.names().department(outcome.departmentId()),
                templates.names().designation(designation), LocalDate.ofInstant(issuedAt, ISSUE_ZONE), document.validUntil(),
                data, verificationUrl(documentId), VerificationCode.generate());
    }

    /** Renders and signs the certificate. */
    public SignedPdf issue(Certificate certificate, Instant issuedAt) {
        String reason = certificate.template().title().en() + " " + certificate.applicationRef();
        byte[] signed = signer.sign(renderer.render(certificate, document -> signer.prepare(document, issuedAt, reason)));
        return new SignedPdf(signed, sha256(signed));
    }

    /**
     * What the receipt of a {@code payment.paid} will say (with a new verification code): the department's printed
     * name, {@code service} the catalogue's name of the payment's service (null when it names none).
     */
    public PaymentReceipt receipt(String documentId, PaymentEvent paid, Bilingual service, Instant issuedAt) {
        PaymentEvent.Gateway gateway = paid.gateway();
        return new PaymentReceipt(documentId, paid.receiptNumber(), paid.applicationRef(), templates.names().department(paid.departmentId()),
                service, paid.purpose(), paid.amountPaise(), paid.method(), paid.paidAt(), gateway == null ? null : gateway.name(),
                gateway == null ? null : gateway.paymentId(), LocalDate.ofInstant(issuedAt, ISSUE_ZONE), verificationUrl(documentId),
                VerificationCode.generate());
    }

    /** Renders and signs the receipt, with the same key and signature as certificates. */
    public SignedPdf issue(PaymentReceipt receipt, Instant issuedAt) {
        String reason = PaymentReceipt.TITLE.en() + " " + receipt.receiptNumber();
        byte[] signed = signer.sign(receipts.render(receipt, document -> signer.prepare(document, issuedAt, reason)));
        return new SignedPdf(signed, sha256(signed));
    }

    /** The file name the citizen sees: {@code income-certificate-SEVA-REV-2026-000123.pdf}. */
    public static String fileName(String documentType, String applicationRef) {
        return documentType.toLowerCase(Locale.ROOT).replace('_', '-') + "-" + applicationRef + ".pdf";
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    /** A signed PDF and the lower-case hex SHA-256 of its bytes. */
    public record SignedPdf(byte[] pdf, String sha256) {
    }

    /** The department's data lacks what the template requires: the outcome cannot become a document. */
    public static final class MissingData extends RuntimeException {
        public MissingData(String documentType, List<String> keys) {
            super("document.data for " + documentType + " lacks " + String.join(", ", keys), null, false, false);
        }
    }
}
