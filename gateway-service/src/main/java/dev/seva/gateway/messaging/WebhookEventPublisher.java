package dev.seva.gateway.messaging;

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
import java.util.List;

/**
 * Publishes a webhook's records through one idempotent producer ({@code acks=all}, see
 * application.properties). The returned Uni completes only when the broker has acknowledged every
 * record, and fails if any was refused: the caller answers 200 or 503 on that.
 */
@ApplicationScoped
public class WebhookEventPublisher {

    @Inject
    @Channel("webhook-events")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
    MutinyEmitter<String> emitter;

    public Uni<Void> publish(List<OutgoingRecord> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> acks = records.stream().map(this::send).toList();
        return Uni.join().all(acks).andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(OutgoingRecord record) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(record.topic())
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        // Deferred: the record is handed to the producer when the join subscribes, and the Uni
        // completes on the broker's acknowledgement (or fails on its refusal or on emitter overflow).
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(record.json()).addMetadata(metadata)));
    }
}
