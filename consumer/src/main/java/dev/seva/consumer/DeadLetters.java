package dev.seva.consumer;

import io.smallrye.mutiny.Uni;

/**
 * Where a service's dead letters go: its transactional outbox (outbox's sink), or a Kafka producer with
 * {@code acks=all} for a service without one (notification-service). The layout of a dead letter is not
 * the sink's to choose: it is {@link DeadLetter}'s, the same for every service.
 */
@FunctionalInterface
public interface DeadLetters {

    /**
     * Writes the letter to {@link DeadLetter#topic()}. The Uni completes only once the letter is safe
     * (committed in the outbox, or acknowledged by the broker) and fails otherwise: the original record is
     * committed after it, never instead of it.
     */
    Uni<Void> write(DeadLetter letter);
}
