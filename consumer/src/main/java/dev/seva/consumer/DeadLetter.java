package dev.seva.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Headers;
import dev.seva.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One dead letter, in the one layout every service writes, so that whoever reads a {@code .dlq} topic
 * reads them all alike: the original value and key unchanged, on {@code <original topic>.dlq}, with
 * headers
 * <ul>
 *   <li>the original record's own headers, kept;</li>
 *   <li>{@code eventType}, {@code eventId}: the original event's (its headers, or else the fields of its value);</li>
 *   <li>{@code dlq-reason}: why, at most {@value #MAX_REASON_LENGTH} characters, never personal data;</li>
 *   <li>{@code dlq-original-topic}; {@code dlq-original-offset} ({@code partition@offset}) for a consumed record;</li>
 *   <li>{@code dlq-attempts}: how many times it was handled (0: refused before any handling), when it was;</li>
 *   <li>{@code dlq-error-code}: the code of the error that ended it (Meta's 131026…), when there is one.</li>
 * </ul>
 * {@link #id()} is name-based, so the same record dead-lettered twice (after a crash) is the same letter.
 *
 * @param topic   the dead-letter topic
 * @param key     the original key (the citizen, on citizen-scoped topics: their dead letters keep their order)
 * @param value   the original value, exactly as it came
 * @param headers the headers above, in that order (unmodifiable)
 * @param id      the letter's own id
 */
public record DeadLetter(String topic, String key, String value, Map<String, String> headers, UUID id) {

    /** Header: where the original was, {@code partition@offset}. */
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";
    public static final int MAX_REASON_LENGTH = 500;

    public DeadLetter {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(id, "id");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** The dead letter of a consumed record. */
    public static DeadLetter of(ConsumerRecord<String, String> record, String reason, int attempts) {
        return builder(record.topic(), record.key(), record.value())
                .keep(record.headers())
                .reason(reason)
                .originalOffset(record.partition(), record.offset())
                .attempts(attempts)
                .build();
    }

    /** A dead letter of something that is not a consumed record (a webhook item, a delivery that failed). */
    public static Builder builder(String originalTopic, String key, String value) {
        return new Builder(originalTopic, key, value);
    }

    public String reason() {
        return headers.get(Headers.DLQ_REASON);
    }

    /** The headers as Kafka headers, for a sink that produces the letter itself. */
    public RecordHeaders kafkaHeaders() {
        RecordHeaders kafka = new RecordHeaders();
        headers.forEach((name, value) -> kafka.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return kafka;
    }

    /** Builds the layout; what is not given is left out. */
    public static final class Builder {

        private final String originalTopic;
        private final String key;
        private final String value;
        private final Map<String, String> kept = new LinkedHashMap<>();
        private String eventType;
        private String eventId;
        private String reason;
        private Integer partition;
        private Long offset;
        private Integer attempts;
        private Integer errorCode;

        private Builder(String originalTopic, String key, String value) {
            this.originalTopic = Objects.requireNonNull(originalTopic, "originalTopic");
            this.key = key;
            this.value = value;
        }

        /** The original record's headers, kept (its eventType and eventId name the original event, unless {@link #event} says otherwise). */
        public Builder keep(Iterable<Header> headers) {
            for (Header header : headers) {
                if (header.value() == null) {
                    continue;
                }
                String text = new String(header.value(), StandardCharsets.UTF_8);
                if (header.key().equals(Headers.EVENT_TYPE)) {
                    eventType = eventType == null ? text : eventType;
                } else if (header.key().equals(Headers.EVENT_ID)) {
                    eventId = eventId == null ? text : eventId;
                } else if (!header.key().startsWith("dlq-")) {
                    // A dead letter dead-lettered again (a replay that failed) carries this failure's dlq-* headers only.
                    kept.put(header.key(), text);
                }
            }
            return this;
        }

        public Builder event(String eventType, String eventId) {
            this.eventType = eventType;
            this.eventId = eventId;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder originalOffset(int partition, long offset) {
            this.partition = partition;
            this.offset = offset;
            return this;
        }

        public Builder attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        public Builder errorCode(Integer errorCode) {
            this.errorCode = errorCode;
            return this;
        }

        public DeadLetter build() {
            String why = reason == null || reason.isBlank() ? "unknown"
                    : reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
            String type = eventType;
            String id = eventId;
            if (type == null || id == null) {
                // Not in the headers (a producer that set none): the value's own fields, when it has them.
                JsonNode json = jsonObject(value);
                type = type != null ? type : text(json, "eventType");
                id = id != null ? id : text(json, "eventId");
            }
            Map<String, String> headers = new LinkedHashMap<>(kept);
            put(headers, Headers.EVENT_TYPE, type);
            put(headers, Headers.EVENT_ID, id);
            headers.put(Headers.DLQ_REASON, why);
            headers.put(Headers.DLQ_ORIGINAL_TOPIC, originalTopic);
            put(headers, ORIGINAL_OFFSET, partition == null ? null : partition + "@" + offset);
            put(headers, Headers.DLQ_ATTEMPTS, attempts == null ? null : attempts.toString());
            put(headers, Headers.DLQ_ERROR_CODE, errorCode == null ? null : errorCode.toString());
            UUID letterId = partition != null
                    ? EventIds.nameBased("dead-letter", originalTopic, partition.toString(), offset.toString())
                    : EventIds.nameBased("dead-letter", originalTopic, String.valueOf(id), String.valueOf(key), String.valueOf(value), why);
            return new DeadLetter(Topics.deadLetter(originalTopic), key, value, headers, letterId);
        }

        private static void put(Map<String, String> headers, String name, String value) {
            if (value != null) {
                headers.put(name, value);
            }
        }

        private static JsonNode jsonObject(String value) {
            if (value == null) {
                return null;
            }
            try {
                JsonNode json = EventJson.mapper().readTree(value);
                return json != null && json.isObject() ? json : null;
            } catch (Exception e) {
                return null;
            }
        }

        private static String text(JsonNode json, String field) {
            return json != null && json.path(field).isTextual() ? json.path(field).asText() : null;
        }
    }
}
