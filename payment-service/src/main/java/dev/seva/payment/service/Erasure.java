package dev.seva.payment.service;

import dev.seva.contracts.citizen.CitizenErasureRequested;
import dev.seva.payment.domain.Erased;
import dev.seva.payment.persistence.OrderRow;
import dev.seva.outbox.MessageLog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * citizen.erasure.v1: payments are financial records the treasury must keep (receipts, refunds, the settlement
 * report), and they hold no name and no phone number, only the pseudonymous citizenRef. That pseudonym is replaced
 * by one constant ({@link Erased#CITIZEN_REF}) on the citizen's rows, so they can no longer be joined back to the
 * citizen. The rows themselves stay.
 */
@ApplicationScoped
public class Erasure {

    private static final Logger LOG = Logger.getLogger(Erasure.class);

    @Inject
    MessageLog messageLog;

    @Inject
    Clock clock;

    public Uni<Void> onErasure(String topic, CitizenErasureRequested request) {
        Instant now = Instant.now(clock);
        return Panache.withTransaction(() -> messageLog.firstDelivery(request.eventId(), topic)
                .chain(first -> !first ? Uni.createFrom().voidItem()
                        : OrderRow.update("citizenRef = ?1, erasedAt = ?2, updatedAt = ?2 where citizenRef = ?3", Erased.CITIZEN_REF, now,
                                request.citizenRef())
                        .invoke(count -> LOG.infof("Erasure %s: the pseudonym removed from %d order(s)", request.eventId(), count))
                        .replaceWithVoid()));
    }
}
