package dev.seva.outbox;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.function.Function;

/**
 * The platform's one consumer pipeline ({@link dev.seva.consumer.RecordPipeline}: contract check, the
 * classification of failures, retries, waiting while the infrastructure is down, dead letters in the one
 * layout) for a service with Hibernate Reactive and this outbox: its dead letters go to {@code <topic>.dlq}
 * through the transactional outbox ({@link OutboxDeadLetters}), so a dead letter commits or not at all, and
 * the record's offset is committed only after it did.
 *
 * <p>The handler is called with the parsed event; it does its own transaction and deduplication
 * ({@link MessageLog}), so that a redelivered record changes nothing.
 */
@ApplicationScoped
public class RecordPipeline {

    @Inject
    Outbox outbox;

    private dev.seva.consumer.RecordPipeline core;

    @PostConstruct
    void init() {
        core = new dev.seva.consumer.RecordPipeline(new OutboxDeadLetters(outbox));
    }

    public <T> Uni<Void> process(ConsumerRecord<String, String> record, Class<T> type, Function<T, Uni<Void>> handler) {
        return core.process(record, type, handler);
    }
}
