package dev.seva.document.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One signed receipt of a fee paid through Seva, as printed: the payment's receipt number, application,
 * service (the catalogue's name), amount, method, time and the gateway's payment id, the issuing
 * department, and the verification address (in the QR code) and code (printed beside it, never in it:
 * {@link VerificationCode}). No citizen's name: the payment carries none.
 */
public record PaymentReceipt(
        String documentId,
        String receiptNumber,
        String applicationRef,
        Bilingual department,
        Bilingual service,
        String purpose,
        long amountPaise,
        String method,
        Instant paidAt,
        String gatewayName,
        String gatewayPaymentId,
        LocalDate issueDate,
        String verificationUrl,
        String verificationCode) {

    /** The document type on {@code documents.issued.v1} and in the {@code document} table. */
    public static final String DOCUMENT_TYPE = "payment_receipt";
    public static final Bilingual TITLE = new Bilingual("Payment receipt", "చెల్లింపు రసీదు");
    /** Receipts are dated and timed in India's time zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
    private static final DateTimeFormatter PAID_AT = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm").withZone(ZONE);
    private static final String MISSING = "—";

    /** The payment methods of the payments contract, as printed. */
    static final Map<String, Bilingual> METHODS = Map.of(
            "upi", new Bilingual("UPI", "యూపీఐ"),
            "card", new Bilingual("Card", "కార్డు"),
            "netbanking", new Bilingual("Net banking", "నెట్ బ్యాంకింగ్"),
            "wallet", new Bilingual("Wallet", "వాలెట్"),
            "emi", new Bilingual("EMI", "ఈఎంఐ"),
            "paylater", new Bilingual("Pay later", "పే లేటర్"),
            "other", new Bilingual("Other", "ఇతర"));
    /** What the payment was for (the contract's purposes), as printed. */
    static final Map<String, Bilingual> PURPOSES = Map.of(
            "application_fee", new Bilingual("Application fee", "దరఖాస్తు రుసుము"),
            "bill", new Bilingual("Bill payment", "బిల్లు చెల్లింపు"));

    /** "₹45.00": rupees with Indian digit grouping (₹1,25,000.00) and always two decimals of paise. */
    public static String rupees(long paise) {
        String whole = Values.indianGrouping(BigDecimal.valueOf(paise / 100));
        return "₹" + whole + "." + String.format("%02d", paise % 100);
    }

    /** The amount as printed. */
    public String amount() {
        return rupees(amountPaise);
    }

    /** "07-12-2026 14:46 IST". */
    public String paidAtText() {
        return paidAt == null ? MISSING : PAID_AT.format(paidAt) + " IST";
    }

    /** The method in both languages ("UPI / యూపీఐ"); an unknown code as itself, none as a dash. */
    public String methodText() {
        return bilingual(METHODS, method);
    }

    /** The purpose in both languages, or a dash when the payment does not say. */
    public String purposeText() {
        return bilingual(PURPOSES, purpose);
    }

    /** The gateway's payment id with the gateway's name ("pay_Nx8s3LgQ1bC2dE (Razorpay)"), or a dash. */
    public String gatewayPaymentText() {
        if (gatewayPaymentId == null || gatewayPaymentId.isBlank()) {
            return MISSING;
        }
        return gatewayName == null || gatewayName.isBlank() ? gatewayPaymentId
                : gatewayPaymentId + " (" + Character.toUpperCase(gatewayName.charAt(0)) + gatewayName.substring(1) + ")";
    }

    /** The service in both languages, or a dash when the payment names none. */
    public String serviceText() {
        if (service == null) {
            return MISSING;
        }
        return service.en().equals(service.te()) ? service.en() : service.en() + " / " + service.te();
    }

    /** What the verification page adds for whoever gives the printed code, in English (no personal data: the payment carries none). */
    public List<Certificate.PublicField> publicFields() {
        List<Certificate.PublicField> fields = new ArrayList<>();
        if (service != null) {
            fields.add(new Certificate.PublicField("Service", service.en()));
        }
        if (purpose != null) {
            fields.add(new Certificate.PublicField("Purpose", english(PURPOSES, purpose)));
        }
        fields.add(new Certificate.PublicField("Paid at", paidAtText()));
        if (method != null) {
            fields.add(new Certificate.PublicField("Payment method", english(METHODS, method)));
        }
        if (gatewayPaymentId != null && !gatewayPaymentId.isBlank()) {
            fields.add(new Certificate.PublicField("Gateway payment ID", gatewayPaymentText()));
        }
        return fields;
    }

    /** The file name the citizen sees: {@code receipt-RCPT-REV-20261207-7K2M9Q.pdf}. */
    public static String fileName(String receiptNumber) {
        return "receipt-" + receiptNumber + ".pdf";
    }

    private static String bilingual(Map<String, Bilingual> texts, String code) {
        if (code == null || code.isBlank()) {
            return MISSING;
        }
        Bilingual text = texts.get(code);
        return text == null ? code : text.en() + " / " + text.te();
    }

    private static String english(Map<String, Bilingual> texts, String code) {
        Bilingual text = texts.get(code);
        return text == null ? code : text.en();
    }

    /** Every method's and purpose's printed name, for the fonts prepared at start. */
    public static List<String> codedTexts() {
        List<String> texts = new ArrayList<>();
        METHODS.values().forEach(t -> texts.add(t.en() + " / " + t.te()));
        PURPOSES.values().forEach(t -> texts.add(t.en() + " / " + t.te()));
        texts.add(TITLE.en());
        texts.add(TITLE.te());
        return texts;
    }
}
