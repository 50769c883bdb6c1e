package dev.seva.outbox;

import dev.seva.consumer.DeadLetter;
import dev.seva.consumer.DeadLetters;
import dev.seva.consumer.SqlStates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Dead letters through the transactional outbox: the letter is an outbox row (topic {@code <topic>.dlq},
 * the original key and value, the letter's headers), relayed like any event. The relayed record's first
 * {@code eventType}/{@code eventId} headers are the row's ({@value #EVENT_TYPE}, the letter's id); the
 * original event's, kept in the letter's headers, follow them (so {@code lastHeader} names the original).
 */
final class OutboxDeadLetters implements DeadLetters {

    static final String EVENT_TYPE = "dead-letter";

    private final Outbox outbox;

    OutboxDeadLetters(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * The letter in a transaction of its own (the handler's rolled back). Its id is name-based (the record's
     * topic, partition, offset): a unique violation on it means this very letter is already in the outbox (the
     * record dead-lettered again after a crash), which is done, not a failure. Any other failure fails the Uni,
     * and the pipeline does not commit the record.
     */
    @Override
    public Uni<Void> write(DeadLetter letter) {
        return Panache.withTransaction(() -> outbox.appendRaw(letter.topic(), letter.key(), letter.id(), EVENT_TYPE,
                        letter.value(), letter.headers()))
                .onFailure(f -> SqlStates.UNIQUE_VIOLATION.equals(SqlStates.of(f))).recoverWithNull()
                .replaceWithVoid();
    }
}
