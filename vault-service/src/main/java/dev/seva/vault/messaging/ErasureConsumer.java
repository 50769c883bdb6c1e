package dev.seva.vault.messaging;

import dev.seva.contracts.citizen.CitizenErasureRequested;
import dev.seva.outbox.FailureKind;
import dev.seva.outbox.InfrastructureFailures;
import dev.seva.outbox.RecordPipeline;
import dev.seva.outbox.UnprocessableRecord;
import dev.seva.vault.service.CitizenKeys;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;

/**
 * {@code citizen.erasure.v1}: the citizen's key and Aadhaar records are destroyed (crypto-shredding: what
 * any service sealed with the key is unreadable from then on). Only the event's citizenRef is used.
 *
 * <p>The platform's consumer rules, with the outbox library's own reading and failure classification
 * ({@link RecordPipeline#read}, {@link FailureKind}, {@link InfrastructureFailures}): a record that breaks
 * its contract is dead-lettered at once, a conflict is retried, the database being down is waited for
 * (holding the partition). Unlike {@link RecordPipeline#process}, dead letters go straight to Kafka
 * ({@link DeadLetters}), not through an outbox: the vault has no outbox relay, so its database role needs
 * no REPLICATION (deploy/README.md "PostgreSQL roles").
 */
@ApplicationScoped
public class ErasureConsumer {

    private static final int RETRIES = 5;

    @Inject
    CitizenKeys keys;

    @Inject
    DeadLetters deadLetters;

    @Incoming("erasures")
    public Uni<Void> erasure(ConsumerRecord<String, String> record) {
        CitizenErasureRequested event;
        try {
            event = RecordPipeline.read(record, CitizenErasureRequested.class);
        } catch (UnprocessableRecord e) {
            return deadLetters.publish(record, e.getMessage());
        }
        return Uni.createFrom().deferred(() -> keys.onErasure(record.topic(), event))
                .onFailure(f -> FailureKind.of(f) == FailureKind.TRANSIENT || FailureKind.of(f) == FailureKind.UNEXPECTED).retry()
                .withBackOff(Duration.ofMillis(20), Duration.ofMillis(500)).atMost(RETRIES)
                .plug(InfrastructureFailures::retryWhileDown)
                .onFailure(f -> FailureKind.of(f) != FailureKind.INFRASTRUCTURE)
                .recoverWithUni(f -> deadLetters.publish(record, f.getClass().getSimpleName() + ": " + f.getMessage()));
    }
}
