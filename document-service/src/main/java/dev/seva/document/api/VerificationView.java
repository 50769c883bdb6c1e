package dev.seva.document.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.seva.document.domain.Bilingual;
import dev.seva.document.domain.Certificate;
import dev.seva.document.domain.VerificationStatus;
import dev.seva.document.service.Verification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The JSON answer of {@code GET /verify/{documentId}} (the HTML page says the same). Without the printed
 * verification code: status, type, department, dates, masked holder, SHA-256 (and a revocation's date
 * and reason); for a payment receipt its {@code receipt} (number and amount). {@code fields} only when {@code verificationCode} is
 * {@code accepted}; {@code wrong} says a code was given that is not this document's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationView(
        String documentId,
        String status,
        boolean authentic,
        String message,
        String applicationRef,
        String documentType,
        Bilingual title,
        Department department,
        Instant issuedAt,
        LocalDate validUntil,
        Boolean expired,
        String holder,
        List<Certificate.PublicField> fields,
        String verificationCode,
        String codeMessage,
        String sha256,
        Instant revokedAt,
        String revocationReason,
        Receipt receipt) {

    public record Department(String id, String en, String te) {
    }

    /** A payment receipt's number and amount ({@code "₹45.00"}, and in paise); absent for a certificate. */
    public record Receipt(String number, String amount, long amountPaise, String currency) {
    }

    static VerificationView of(Verification.Result r) {
        boolean known = r.status() != VerificationStatus.UNKNOWN;
        return new VerificationView(r.documentId(), r.status().name().toLowerCase(Locale.ROOT), r.status() == VerificationStatus.VALID,
                message(r), r.applicationRef(), r.documentType(), r.title(), known ? new Department(r.departmentId(), r.department().en(), r.department().te()) : null,
                r.issuedAt(), r.validUntil(), known ? r.expired() : null, r.holder(), known && r.code() == Verification.CodeCheck.ACCEPTED ? r.fields() : null,
                known && r.code() != Verification.CodeCheck.NONE ? r.code().name().toLowerCase(Locale.ROOT) : null, known ? codeMessage(r) : null,
                r.sha256(), r.revokedAt(),
                r.revocationReason(), r.receipt() == null ? null : new Receipt(r.receipt().number(), r.receipt().amount(), r.receipt().amountPaise(), "INR"));
    }

    static String codeMessage(Verification.Result r) {
        switch (r.code()) {
            case ACCEPTED:
                return r.pdfRetained() ? "Verification code correct: the key details of the document are shown."
                        : "Verification code correct, but the key details were erased at the holder's request.";
            case WRONG:
                return "Wrong verification code: it is not this document's. Check the code printed next to the QR code.";
            default:
                return "Give the verification code printed next to the QR code to see the key details.";
        }
    }

    static String message(Verification.Result r) {
        switch (r.status()) {
            case VALID:
                return r.expired() ? "Authentic document issued by Seva; its validity has ended." : "Authentic document issued by Seva.";
            case REVOKED:
                return "This document was issued by Seva but has been revoked: it is no longer valid.";
            case TAMPERED:
                return "Not authentic: the stored document does not match its recorded fingerprint. Do not accept it.";
            default:
                return "No Seva document has this number. Check the number, or treat the document as not authentic.";
        }
    }
}
