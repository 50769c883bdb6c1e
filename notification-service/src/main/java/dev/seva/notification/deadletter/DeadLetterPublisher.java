package dev.seva.notification.deadletter;

import dev.seva.contracts.Headers;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.nio.charset.StandardCharsets;

/**
 * Writes dead letters through an idempotent {@code acks=all} producer; the Uni completes only when
 * the broker has the record, so the original is acknowledged (its offset committed) only after.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    @Inject
    @Channel("dead-letters")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<String> emitter;

    public Uni<Void> publish(DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, Headers.EVENT_TYPE, letter.eventType());
        add(headers, Headers.EVENT_ID, letter.eventId());
        add(headers, Headers.DLQ_REASON, letter.reason());
        add(headers, Headers.DLQ_ORIGINAL_TOPIC, letter.originalTopic());
        add(headers, Headers.DLQ_ERROR_CODE, letter.errorCode() == null ? null : letter.errorCode().toString());
        add(headers, Headers.DLQ_ATTEMPTS, Integer.toString(letter.attempts()));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(letter.topic())
                .withKey(letter.key())
                .withHeaders(headers)
                .build();
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(letter.value()).addMetadata(metadata)));
    }

    private static void add(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
