package dev.seva.vault.messaging;

import dev.seva.contracts.citizen.CitizenErasureRequested;
import dev.seva.outbox.RecordPipeline;
import dev.seva.vault.service.CitizenKeys;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code citizen.erasure.v1}: the citizen's key and Aadhaar records are destroyed (crypto-shredding: what
 * any service sealed with the key is unreadable from then on). Only the event's citizenRef is used.
 * Through the platform's consumer pipeline (contract check, retries, waiting on the database, dead letters).
 */
@ApplicationScoped
public class ErasureConsumer {

    @Inject
    RecordPipeline pipeline;

    @Inject
    CitizenKeys keys;

    @Incoming("erasures")
    public Uni<Void> erasure(ConsumerRecord<String, String> record) {
        return pipeline.process(record, CitizenErasureRequested.class, e -> keys.onErasure(record.topic(), e));
    }
}
