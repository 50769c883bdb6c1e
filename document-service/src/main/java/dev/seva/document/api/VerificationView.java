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

/** The JSON answer of {@code GET /verify/{documentId}} (the HTML page says the same). */
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
        String sha256,
        Instant revokedAt,
        String revocationReason) {

    public record Department(String id, String en, String te) {
    }

    static VerificationView of(Verification.Result r) {
        boolean known = r.status() != VerificationStatus.UNKNOWN;
        return new VerificationView(r.documentId(), r.status().name().toLowerCase(Locale.ROOT), r.status() == VerificationStatus.VALID,
                message(r), r.applicationRef(), r.documentType(), r.title(), known ? new Department(r.departmentId(), r.department().en(), r.department().te()) : null,
                r.issuedAt(), r.validUntil(), known ? r.expired() : null, r.holder(), known ? r.fields() : null, r.sha256(), r.revokedAt(),
                r.revocationReason());
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
