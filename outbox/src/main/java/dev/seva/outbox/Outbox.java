package dev.seva.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.ContractValidator;
import dev.seva.contracts.Event;
import dev.seva.contracts.EventJson;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Appends events to the transactional outbox. Call it inside the transaction that changes the state
 * the events describe ({@code Panache.withTransaction} or {@code @WithTransaction}): both commit or
 * neither does. The relay publishes committed rows to Kafka, in commit order, at least once.
 *
 * <p>Every event is validated against its topic's contract here, before it can be committed: a
 * producer never emits an event that fails its schema.
 */
@ApplicationScoped
public class Outbox {

    private final ContractValidator contracts = ContractValidator.instance();

    /** The event, validated, keyed by {@code key} (the citizen on citizen-scoped topics). */
    public Uni<Void> append(String topic, String key, Event event) {
        JsonNode json = contracts.requireValid(topic, event);
        return persist(event.eventId(), topic, key, event.eventType(), json.toString(), null);
    }

    /** A tombstone for {@code key} on a compacted topic (e.g. a retired catalogue service). */
    public Uni<Void> appendTombstone(String topic, String key, UUID eventId, String eventType) {
        return persist(eventId, topic, key, eventType, null, null);
    }

    /** A record that has no contract (a dead letter): published as given, with extra headers. */
    public Uni<Void> appendRaw(String topic, String key, UUID eventId, String eventType, String json, Map<String, String> headers) {
        String headerJson;
        try {
            headerJson = headers == null || headers.isEmpty() ? null : EventJson.mapper().writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Headers must be plain strings", e);
        }
        return persist(eventId, topic, key, eventType, json, headerJson);
    }

    private Uni<Void> persist(UUID eventId, String topic, String key, String eventType, String payload, String headers) {
        OutboxRecord record = new OutboxRecord();
        record.id = eventId;
        record.topic = topic;
        record.recordKey = key;
        record.eventType = eventType;
        record.payload = payload;
        record.headers = headers;
        record.createdAt = Instant.now();
        return record.persist().replaceWithVoid();
    }
}
