package dev.seva.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Consumer-side deduplication. Inside the handler's transaction, {@link #firstDelivery} records the
 * event id and answers whether this is its first delivery; a redelivered event answers false and the
 * handler skips its effect. Because the record commits with the effect, a crash before the commit
 * leaves neither, and the redelivery is processed as new.
 */
@ApplicationScoped
public class MessageLog {

    public Uni<Boolean> firstDelivery(UUID eventId, String topic) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("INSERT INTO message_log (event_id, topic, received_at) VALUES (?1, ?2, now()) "
                        + "ON CONFLICT (event_id) DO NOTHING")
                .setParameter(1, eventId)
                .setParameter(2, topic)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
