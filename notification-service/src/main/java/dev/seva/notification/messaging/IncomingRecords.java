package dev.seva.notification.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.ContractValidator;
import dev.seva.contracts.ContractViolation;
import dev.seva.contracts.EventJson;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Reading a consumed record: its key and timestamp, and its value checked against the topic's contract. */
final class IncomingRecords {

    /** A value read as the contract's record, or why it could not be (a reason without personal data). */
    record Parsed<T>(T event, String eventId, String problem) {
    }

    private IncomingRecords() {
    }

    static String key(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> (String) m.getKey()).orElse(null);
    }

    static Instant timestamp(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTimestamp).orElse(Instant.now());
    }

    static <T> Parsed<T> parse(String topic, String value, Class<T> type) {
        JsonNode node;
        try {
            node = value == null ? null : EventJson.mapper().readTree(value);
        } catch (IOException e) {
            return new Parsed<>(null, null, "unreadable: not JSON");
        }
        if (node == null || !node.isObject()) {
            return new Parsed<>(null, null, "unreadable: not a JSON object");
        }
        String eventId = node.path("eventId").asText(null);
        List<ContractViolation> violations = ContractValidator.instance().validate(topic, node);
        if (!violations.isEmpty()) {
            return new Parsed<>(null, eventId, "contract-violation: " + violations.stream().limit(3)
                    .map(v -> v.field() + " " + v.keyword()).collect(Collectors.joining("; ")));
        }
        try {
            return new Parsed<>(EventJson.mapper().treeToValue(node, type), eventId, null);
        } catch (IOException | IllegalArgumentException e) {
            return new Parsed<>(null, eventId, "unreadable: " + e.getClass().getSimpleName());
        }
    }

    /** Acknowledges when the work succeeded; otherwise negative-acknowledges (the channel's failure strategy decides). */
    static Uni<Void> settle(Message<String> message, Uni<Void> work) {
        return work.onItemOrFailure().transformToUni((ignored, failure) -> failure == null
                ? Uni.createFrom().completionStage(message.ack())
                : Uni.createFrom().completionStage(message.nack(failure)));
    }
}
