package dev.seva.notification.deadletter;

import dev.seva.consumer.DeadLetter;
import dev.seva.consumer.DeadLetters;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * notification-service's dead-letter sink for the platform's consumer pipeline and its own delivery logic:
 * the service has no outbox (no Hibernate), so letters go straight to Kafka through an idempotent
 * {@code acks=all} producer, in the platform's one layout ({@link DeadLetter}). The Uni completes only
 * when the broker has the record, so the original is acknowledged (its offset committed) only after.
 */
@ApplicationScoped
public class DeadLetterPublisher implements DeadLetters {

    @Inject
    @Channel("dead-letters")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<String> emitter;

    @Override
    public Uni<Void> write(DeadLetter letter) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(letter.topic())
                .withKey(letter.key())
                .withHeaders(letter.kafkaHeaders())
                .build();
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(letter.value()).addMetadata(metadata)));
    }
}
