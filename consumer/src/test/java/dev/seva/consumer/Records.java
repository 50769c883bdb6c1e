package dev.seva.consumer;

import dev.seva.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Consumed records for the tests, on citizen.erasure.v1 (a contract of the platform's own). */
final class Records {

    static final String ERASURE = "{\"eventId\":\"054d391e-8c2a-4e4e-99b0-2a3b4c5d6e7f\",\"eventType\":\"citizen.erasure.requested\","
            + "\"occurredAt\":\"2026-12-01T12:00:00Z\",\"citizenRef\":\"cit_7QbX2mK9pL4sT8vW1yZ3\",\"reason\":\"citizen_request\"}";

    private Records() {
    }

    static ConsumerRecord<String, String> erasure(String value) {
        return record(Topics.CITIZEN_ERASURE, "cit_7QbX2mK9pL4sT8vW1yZ3", value, new RecordHeaders());
    }

    static ConsumerRecord<String, String> record(String topic, String key, String value, RecordHeaders headers) {
        return new ConsumerRecord<>(topic, 2, 41L, 0L, TimestampType.CREATE_TIME, -1, -1, key, value, headers, Optional.empty());
    }

    static RecordHeaders headers(String... namesAndValues) {
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }
}
