package dev.seva.document.service;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.seva.contracts.EventJson;
import dev.seva.document.domain.Bilingual;
import dev.seva.document.domain.Certificate;
import dev.seva.document.domain.VerificationStatus;
import dev.seva.document.persistence.DocumentRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/** Answers "is this document authentic?" for the public page (revocation: {@link Revocation}). */
@ApplicationScoped
public class Verification {

    private static final Logger LOG = Logger.getLogger(Verification.class);
    /** The form of ids Seva issues (also what the contract allows). */
    public static final Pattern DOCUMENT_ID = Pattern.compile("^[A-Za-z0-9_-]{8,128}$");

    @Inject
    CertificateFactory factory;

    Clock clock = Clock.systemUTC();

    /** What the page shows: the status and, for a known document, its public record (personal data masked). */
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
            boolean pdfRetained) {
    }

    public Uni<Result> verify(String documentId) {
        if (documentId == null || !DOCUMENT_ID.matcher(documentId).matches()) {
            return Uni.createFrom().item(unknown(documentId));
        }
        return Panache.withSession(() -> DocumentRow.<DocumentRow>findById(documentId)).map(row -> row == null ? unknown(documentId) : result(row));
    }

    private Result result(DocumentRow row) {
        VerificationStatus status = DocumentRow.REVOKED.equals(row.status) ? VerificationStatus.REVOKED : VerificationStatus.VALID;
        if (row.pdf != null && !CertificateFactory.sha256(row.pdf).equals(row.sha256)) {
            LOG.errorf("Document %s does not match its recorded SHA-256: reported as tampered", row.id);
            status = VerificationStatus.TAMPERED;
        }
        boolean expired = row.validUntil != null && row.validUntil.isBefore(LocalDate.now(clock.withZone(CertificateFactory.ISSUE_ZONE)));
        return new Result(row.id, status, row.applicationRef, row.documentType, factory.templates().template(row.documentType).title(), row.departmentId,
                factory.templates().names().department(row.departmentId), row.issuedAt, row.validUntil, expired, row.holderMasked,
                fields(row.publicFields), row.sha256, row.revokedAt, row.revocationReason, row.pdf != null);
    }

    private static List<Certificate.PublicField> fields(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return EventJson.mapper().readValue(json, new TypeReference<List<Certificate.PublicField>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable public fields", e);
        }
    }

    private static Result unknown(String documentId) {
        return new Result(documentId, VerificationStatus.UNKNOWN, null, null, null, null, null, null, null, false, null, List.of(), null, null, null, false);
    }
}
