package dev.seva.document.service;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.seva.contracts.EventJson;
import dev.seva.document.domain.Bilingual;
import dev.seva.document.domain.Certificate;
import dev.seva.document.domain.PaymentReceipt;
import dev.seva.document.domain.VerificationCode;
import dev.seva.document.domain.VerificationStatus;
import dev.seva.document.persistence.DocumentRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import dev.seva.privacy.vault.CitizenKey;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Answers "is this document authentic?" for the public page (revocation: {@link Revocation}). Anyone with
 * the link learns the minimal record (status, type, department, dates, masked holder, SHA-256) and the
 * application reference it answers (a pseudonymous number that reveals nothing of the citizen, kept so
 * that whoever holds the paper can match it to the application, as issue 7's journeys check); the key
 * fields only whoever gives the code printed on the paper ({@link VerificationCode}): a QR code
 * photographed or a link forwarded is not the document itself. A payment receipt's minimal record also
 * has its receipt number and amount (and no holder: a payment names none).
 */
@ApplicationScoped
public class Verification {

    private static final Logger LOG = Logger.getLogger(Verification.class);
    /** The form of ids Seva issues (also what the contract allows). */
    public static final Pattern DOCUMENT_ID = Pattern.compile("^[A-Za-z0-9_-]{8,128}$");

    @Inject
    CertificateFactory factory;

    @Inject
    StoredPdfs pdfs;

    Clock clock = Clock.systemUTC();

    /** Whether a verification code came with the request and whether it was this document's. */
    public enum CodeCheck {
        /** No code given: the minimal record only. */
        NONE,
        /** The printed code: the key fields too. */
        ACCEPTED,
        /** A code, but not this document's: the minimal record only, and the page says the code is wrong. */
        WRONG
    }

    /**
     * What the page shows: the status and, for a known document, its minimal public record (personal data
     * masked) and {@code applicationRef} (null once erased); {@code fields} only with {@link CodeCheck#ACCEPTED}.
     */
    public record Result(
            String documentId,
            VerificationStatus status,
            String applicationRef,
            String documentType,
            Bilingual title,
            String departmentId,
            Bilingual department,
            Instant issuedAt,
            LocalDate validUntil,
            boolean expired,
            String holder,
            List<Certificate.PublicField> fields,
            String sha256,
            Instant revokedAt,
            String revocationReason,
            boolean pdfRetained,
            CodeCheck code,
            Receipt receipt) {
    }

    /** A payment receipt's public particulars (null for a certificate): its number and the amount, in paise and as printed. */
    public record Receipt(String number, long amountPaise, String amount) {
    }

    public Uni<Result> verify(String documentId) {
        return verify(documentId, null);
    }

    /** {@code code}: what the visitor typed (null or blank: none). */
    public Uni<Result> verify(String documentId, String code) {
        if (documentId == null || !DOCUMENT_ID.matcher(documentId).matches()) {
            return Uni.createFrom().item(unknown(documentId));
        }
        // The integrity check opens the stored PDF (sealed with the citizen's key, StoredPdfs): a vault that does
        // not answer fails the Uni (503, try again) rather than calling the document valid unchecked.
        return Panache.withSession(() -> DocumentRow.<DocumentRow>findById(documentId))
                .chain(row -> row == null ? Uni.createFrom().item(unknown(documentId)) : pdfs.read(row).map(stored -> result(row, code, stored)));
    }

    private Result result(DocumentRow row, String code, StoredPdfs.Stored stored) {
        StoredPdfs.State pdf = stored.state();
        CodeCheck check = code == null || code.isBlank() ? CodeCheck.NONE
                : VerificationCode.matches(row.verificationCodeHash, row.id, code) ? CodeCheck.ACCEPTED : CodeCheck.WRONG;
        boolean open = check == CodeCheck.ACCEPTED;
        VerificationStatus status = DocumentRow.REVOKED.equals(row.status) ? VerificationStatus.REVOKED : VerificationStatus.VALID;
        if (pdf == StoredPdfs.State.TAMPERED) {
            LOG.errorf("Document %s fails its integrity check: reported as tampered", row.id);
            status = VerificationStatus.TAMPERED;
        }
        // The vault destroyed the citizen's key before this service's own erasure cleared the row: erased already.
        boolean retained = pdf != StoredPdfs.State.ERASED;
        boolean expired = row.validUntil != null && row.validUntil.isBefore(LocalDate.now(clock.withZone(CertificateFactory.ISSUE_ZONE)));
        return new Result(row.id, status, retained ? row.applicationRef : null, row.documentType, title(row.documentType),
                row.departmentId, factory.templates().names().department(row.departmentId), row.issuedAt, row.validUntil, expired, row.holderMasked,
                open && retained ? fields(stored.key(), row.publicFields) : List.of(), row.sha256, row.revokedAt, row.revocationReason, retained, check,
                receipt(row));
    }

    /** A receipt's title is the receipts' own; a certificate's its template's (the generic one's for a type without). */
    private Bilingual title(String documentType) {
        return PaymentReceipt.DOCUMENT_TYPE.equals(documentType) ? PaymentReceipt.TITLE : factory.templates().template(documentType).title();
    }

    /** Kept after the citizen's erasure, as the rest of the verification record: neither is personal data. */
    private static Receipt receipt(DocumentRow row) {
        if (row.receiptNumber == null) {
            return null;
        }
        long paise = row.amountPaise == null ? 0 : row.amountPaise;
        return new Receipt(row.receiptNumber, paise, PaymentReceipt.rupees(paise));
    }

    /** The key fields, opened with the citizen's key when sealed (rows stored before sealing began are clear). */
    private static List<Certificate.PublicField> fields(CitizenKey key, String stored) {
        if (stored == null || CitizenKey.isSealed(stored) && key == null) {
            return List.of();
        }
        String json;
        try {
            json = key == null ? stored : key.open(stored);
        } catch (RuntimeException e) {
            LOG.errorf("The key fields of a document do not open with its citizen's key: not shown");
            return List.of();
        }
        try {
            return EventJson.mapper().readValue(json, new TypeReference<List<Certificate.PublicField>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable public fields", e);
        }
    }

    private static Result unknown(String documentId) {
        return new Result(documentId, VerificationStatus.UNKNOWN, null, null, null, null, null, null, null, false, null, List.of(), null, null, null, false,
                CodeCheck.NONE, null);
    }
}
