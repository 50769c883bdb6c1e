package dev.seva.document.service;

import dev.seva.contracts.citizen.CitizenErasureRequested;
import dev.seva.document.client.CitizenKeys;
import dev.seva.document.persistence.DocumentRow;
import dev.seva.document.persistence.ErasedCitizens;
import dev.seva.outbox.MessageLog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * A citizen's erasure ({@code citizen.erasure.v1}): the PDFs and everything that links a document to
 * the citizen go (PDF, citizenRef, application reference, file name, the key fields); what remains is
 * what lets a bank still check a copy the citizen kept: document id, type, department, dates, status,
 * SHA-256 and the masked holder name. The verification code's hash stays: it opens nothing once the key
 * fields are gone, and lets the page tell the paper's holder so. See docs/decisions/005-document-erasure.md.
 * The citizen is remembered as erased ({@link ErasedCitizens}): an approval that arrives afterwards issues nothing.
 */
@ApplicationScoped
public class Erasure {

    private static final Logger LOG = Logger.getLogger(Erasure.class);

    @Inject
    MessageLog messageLog;

    Clock clock = Clock.systemUTC();

    @Inject
    ErasedCitizens erasedCitizens;

    @Inject
    CitizenKeys keys;

    /** Only the event's citizenRef is used (the event carries no phone number). */
    public Uni<Void> onErasure(String topic, CitizenErasureRequested request) {
        Instant now = Instant.now(clock);
        return Panache.withTransaction(() -> messageLog.firstDelivery(request.eventId(), topic)
                .chain(first -> first
                        // Remembered in the same transaction, under the citizen's lock: an approval that arrives
                        // later (or is being stored right now) then issues nothing.
                        ? erasedCitizens.lock(request.citizenRef())
                        .chain(() -> erasedCitizens.remember(request.citizenRef(), now))
                        .chain(() -> DocumentRow.update("pdf = null, citizenRef = null, applicationRef = null, fileName = null, publicFields = null, "
                                + "erasedAt = ?1 where citizenRef = ?2", now, request.citizenRef()))
                        .invoke(count -> LOG.infof("Erasure %s: %d document(s) reduced to their verification record", request.eventId(), count))
                        .replaceWithVoid()
                        : Uni.createFrom().voidItem()))
                // The vault destroys the key itself (conversation-service asks it); this service stops using its copy now.
                .invoke(() -> keys.evict(request.citizenRef()));
    }
}
