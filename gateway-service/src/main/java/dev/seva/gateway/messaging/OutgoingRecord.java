package dev.seva.gateway.messaging;

/**
 * One Kafka record the gateway publishes: topic, key (the citizen), headers and the JSON value.
 * {@code deadLetterReason} is set on records for a {@code .dlq} topic and becomes a header.
 */
public record OutgoingRecord(String topic, String key, String eventType, String eventId, String json, String deadLetterReason) {
}
