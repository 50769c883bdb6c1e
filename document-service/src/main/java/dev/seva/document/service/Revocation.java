package dev.seva.document.service;

import dev.seva.document.domain.Actor;
import dev.seva.document.persistence.DocumentRow;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A department revokes a document it issued (issued in error, obtained by fraud). One transaction:
 * read the document's department and status, check the actor may revoke for that department, then
 * a conditional update ({@code where status = 'valid'}). Revoking a revoked document changes nothing
 * and answers the original revocation, so a retried request, or two officers revoking at once, end
 * with exactly one revocation: the second update waits for the first one's row lock, then matches no
 * row, and reads the revocation that won.
 */
@ApplicationScoped
public class Revocation {

    private static final Logger LOG = Logger.getLogger(Revocation.class);

    Clock clock = Clock.systemUTC();

    @Inject
    MeterRegistry registry;

    /** A revoked document: the revocation that counts (the first one), and whether this request made it. */
    public record Revoked(String documentId, String applicationRef, String departmentId, Instant revokedAt, String reason, boolean byThisRequest) {
    }

    /** No document has this id (404). */
    public static final class DocumentNotFound extends RuntimeException {
        public DocumentNotFound(String documentId) {
            super("No document has the id " + documentId + ".", null, false, false);
        }
    }

    /** The actor may not revoke this department's documents (403). */
    public static final class NotPermitted extends RuntimeException {
        public NotPermitted(String departmentId) {
            super("Only an officer of the issuing department (" + departmentId + ") or a documents admin may revoke this document.",
                    null, false, false);
        }
    }

    /** What the decision needs of a document row (not its PDF); a Panache projection. */
    public record State(String departmentId, String applicationRef, String status, Instant revokedAt, String revocationReason) {
    }

    /**
     * Revokes the document for this reason (already checked by {@link dev.seva.document.domain.RevocationReason}).
     * Fails with {@link DocumentNotFound} or {@link NotPermitted}; nothing is written then.
     */
    public Uni<Revoked> revoke(String documentId, String reason, Actor actor) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps: the answer equals a later read
        return Panache.withTransaction(() -> state(documentId).chain(state -> {
            if (state == null) {
                return Uni.createFrom().failure(new DocumentNotFound(documentId));
            }
            if (!actor.mayRevoke(state.departmentId())) {
                LOG.warnf("Revocation of %s refused: the caller holds no role of department %s", documentId, state.departmentId());
                return Uni.createFrom().failure(new NotPermitted(state.departmentId()));
            }
            if (DocumentRow.REVOKED.equals(state.status())) {
                return Uni.createFrom().item(revoked(documentId, state, false));
            }
            return DocumentRow.update("status = ?1, revokedAt = ?2, revocationReason = ?3, revokedBy = ?4 where id = ?5 and status = ?6",
                            DocumentRow.REVOKED, now, reason, actor.name(), documentId, DocumentRow.VALID)
                    .chain(updated -> updated > 0
                            ? Uni.createFrom().item(new Revoked(documentId, state.applicationRef(), state.departmentId(), now, reason, true))
                            // Revoked by a concurrent request between our read and our update: answer that revocation.
                            : state(documentId).map(after -> revoked(documentId, after, false)));
        })).invoke(r -> {
            if (r.byThisRequest()) {
                // seva_document_revocations_total{department}: a burst of revocations is worth an alert (fraud found, or a stolen officer login).
                registry.counter("seva.document.revocations", "department", r.departmentId()).increment();
                LOG.infof("Document %s of department %s revoked by %s", documentId, r.departmentId(),
                        actor.roles().contains(Actor.officerRole(r.departmentId())) ? "an officer of the department" : "a documents admin");
            }
        });
    }

    private static Uni<State> state(String documentId) {
        return DocumentRow.find("id", documentId).project(State.class).firstResult();
    }

    private static Revoked revoked(String documentId, State state, boolean byThisRequest) {
        return new Revoked(documentId, state.applicationRef(), state.departmentId(), state.revokedAt(), state.revocationReason(), byThisRequest);
    }
}
