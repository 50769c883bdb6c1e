package dev.seva.vault.messaging;

import dev.seva.consumer.RecordPipeline;
import dev.seva.contracts.citizen.CitizenErasureRequested;
import dev.seva.vault.service.CitizenKeys;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code citizen.erasure.v1}: the citizen's key and Aadhaar records are destroyed (crypto-shredding: what
 * any service sealed with the key is unreadable from then on). Only the event's citizenRef is used.
 *
 * <p>The platform's one consumer pipeline ({@link RecordPipeline}): a record that breaks its contract is
 * dead-lettered at once, a conflict is retried, the database being down is waited for (holding the
 * partition); dead letters go to Kafka directly ({@link DeadLetters}).
 */
@ApplicationScoped
public class ErasureConsumer {

    @Inject
    CitizenKeys keys;

    @Inject
    DeadLetters deadLetters;

    private RecordPipeline pipeline;

    @PostConstruct
    void init() {
        pipeline = new RecordPipeline(deadLetters);
    }

    @Incoming("erasures")
    public Uni<Void> erasure(ConsumerRecord<String, String> record) {
        return pipeline.process(record, CitizenErasureRequested.class, event -> keys.onErasure(record.topic(), event));
    }
}
