package dev.seva.gateway.messaging;

import dev.seva.consumer.DeadLetter;
import dev.seva.contracts.Headers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Kafka record the gateway publishes: topic, key (the citizen), the JSON value and its headers. An
 * event's headers are {@code eventType} and {@code eventId}; a dead letter's are the platform's one
 * dead-letter layout ({@link DeadLetter}: reason, original topic), so a reader of a {@code .dlq} topic
 * reads the gateway's like every other service's.
 */
public record OutgoingRecord(String topic, String key, String eventType, String eventId, String json, Map<String, String> headers) {

    public OutgoingRecord {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static OutgoingRecord event(String topic, String key, String eventType, String eventId, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Headers.EVENT_TYPE, eventType);
        headers.put(Headers.EVENT_ID, eventId);
        return new OutgoingRecord(topic, key, eventType, eventId, json, headers);
    }

    public static OutgoingRecord deadLetter(DeadLetter letter) {
        return new OutgoingRecord(letter.topic(), letter.key(), letter.headers().get(Headers.EVENT_TYPE), letter.headers().get(Headers.EVENT_ID),
                letter.value(), letter.headers());
    }
}
