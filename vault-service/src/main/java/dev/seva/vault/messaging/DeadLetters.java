package dev.seva.vault.messaging;

import dev.seva.consumer.DeadLetter;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The vault's dead-letter sink for the platform's consumer pipeline: {@code citizen.erasure.v1.dlq}, in the
 * platform's one layout ({@link DeadLetter}), straight to Kafka through an idempotent {@code acks=all}
 * producer, not through an outbox: the vault has no outbox relay, so its database role needs no
 * REPLICATION (deploy/README.md "PostgreSQL roles"). The Uni completes when the broker has the letter:
 * only then is the original's offset committed.
 */
@ApplicationScoped
public class DeadLetters implements dev.seva.consumer.DeadLetters {

    @Inject
    @Channel("erasures-dlq")
    MutinyEmitter<String> emitter;

    @Override
    public Uni<Void> write(DeadLetter letter) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(letter.topic()).withKey(letter.key()).withHeaders(letter.kafkaHeaders()).build();
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(letter.value()).addMetadata(metadata)));
    }
}
