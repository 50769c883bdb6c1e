package dev.seva.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Headers;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Debezium batch → Kafka. Every outbox insert of the batch is produced; only when all are
 * acknowledged are the records marked processed (so offsets advance); the relayed rows are deleted
 * together, at most once a second (or when the engine stops).
 * If Kafka refuses or times out, the batch fails, the engine restarts from the last offsets and the
 * rows are produced again: at least once, deduplicated downstream by eventId.
 */
final class RelayBatchHandler implements DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>>, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RelayBatchHandler.class);

    private final KafkaProducer<String, String> producer;
    private final Duration sendTimeout;
    private final MeterRegistry registry;
    private final KeptConnection connection;
    /** Relayed rows not yet deleted: deleted together, at most every {@link #DELETE_EVERY_NANOS} (heartbeats come as batches too). */
    private final List<UUID> relayedNotDeleted = new ArrayList<>();
    private long lastDelete = System.nanoTime();
    private static final long DELETE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int DELETE_AT_MOST = 5_000;

    RelayBatchHandler(KafkaProducer<String, String> producer, String url, String user, String password, Duration sendTimeout,
                      MeterRegistry registry) {
        this.producer = producer;
        this.connection = new KeptConnection(url, user, password, true);
        this.sendTimeout = sendTimeout;
        this.registry = registry;
    }

    @Override
    public void handleBatch(List<ChangeEvent<String, String>> records, DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer)
            throws InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        List<UUID> relayed = new ArrayList<>(records.size());
        List<String> topics = new ArrayList<>(records.size());
        for (ChangeEvent<String, String> record : records) {
            JsonNode row = insertedRow(record);
            if (row == null) {
                continue;
            }
            ProducerRecord<String, String> out = toProducerRecord(row);
            acks.add(producer.send(out));
            relayed.add(UUID.fromString(row.path("id").asText()));
            topics.add(out.topic());
        }
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Kafka did not acknowledge the outbox batch; it will be relayed again", e);
            }
        }
        for (ChangeEvent<String, String> record : records) {
            committer.markProcessed(record);
        }
        committer.markBatchFinished();
        topics.forEach(topic -> registry.counter("seva.outbox.relayed", "topic", topic).increment());
        // One DELETE (and commit) a second, not one per batch: at a few messages a second a batch is a row or two, and
        // its delete was a PostgreSQL commit of its own. A row left by a crash goes within the hour (deleteRelayed).
        relayedNotDeleted.addAll(relayed);
        long now = System.nanoTime();
        if (!relayedNotDeleted.isEmpty() && (now - lastDelete >= DELETE_EVERY_NANOS || relayedNotDeleted.size() >= DELETE_AT_MOST)) {
            deleteRelayed(relayedNotDeleted);
            relayedNotDeleted.clear();
            lastDelete = now;
        }
    }

    /** The outbox row of an insert, or null for anything else (heartbeats, other operations). */
    private static JsonNode insertedRow(ChangeEvent<String, String> record) {
        if (record.value() == null) {
            return null;
        }
        JsonNode change;
        try {
            change = EventJson.mapper().readTree(record.value());
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable change event from Debezium", e);
        }
        String op = change.path("op").asText("");
        JsonNode after = change.path("after");
        if (!(op.equals("c") || op.equals("r")) || !after.isObject() || !after.hasNonNull("topic")) {
            return null;
        }
        return after;
    }

    /**
     * Publishes the given rows still in the outbox, oldest first, waits for Kafka, then deletes them.
     * Returns how many there were.
     */
    int sweep(List<UUID> candidates) {
        List<UUID> ids = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try {
            Connection c = connection.get();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT id, topic, record_key, event_type, payload, headers FROM outbox WHERE id = ANY (?) ORDER BY created_at, id")) {
                st.setArray(1, c.createArrayOf("uuid", candidates.toArray()));
                try (java.sql.ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ids.add((UUID) rs.getObject(1));
                        acks.add(producer.send(toProducerRecord(rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getObject(1).toString(), rs.getString(5), rs.getString(6))));
                    }
                }
            }
            long deadline = System.nanoTime() + sendTimeout.toNanos();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (SQLException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not sweep the outbox; the relay will try again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        deleteRelayed(ids);
        return ids.size();
    }

    private static ProducerRecord<String, String> toProducerRecord(JsonNode row) {
        return toProducerRecord(row.path("topic").asText(), row.path("record_key").isTextual() ? row.path("record_key").asText() : null,
                row.path("event_type").asText(), row.path("id").asText(),
                row.path("payload").isTextual() ? row.path("payload").asText() : null,
                row.path("headers").isTextual() ? row.path("headers").asText() : null);
    }

    private static ProducerRecord<String, String> toProducerRecord(String topic, String key, String eventType, String id, String payload,
                                                                   String extra) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
        headers.add(Headers.EVENT_ID, id.getBytes(StandardCharsets.UTF_8));
        if (extra != null && !extra.isBlank()) {
            try {
                EventJson.mapper().readTree(extra).fields()
                        .forEachRemaining(h -> headers.add(h.getKey(), h.getValue().asText().getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                LOG.warnf("Outbox row %s has unreadable headers; relayed without them", id);
            }
        }
        return new ProducerRecord<>(topic, null, key, payload, headers);
    }

    /**
     * Relayed rows are no longer needed; deleting them keeps the table (and its erasure scope) small.
     * Rows older than an hour go too: Debezium reads inserts from the WAL, not from the table, so a row
     * whose delete once failed is never needed again.
     */
    private void deleteRelayed(List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            Connection c = connection.get();
            Array array = c.createArrayOf("uuid", ids.toArray());
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM outbox WHERE id = ANY (?) OR created_at < now() - interval '1 hour'")) {
                st.setArray(1, array);
                st.executeUpdate();
            }
        } catch (SQLException e) {
            // Harmless: a later batch deletes rows older than an hour.
            LOG.warnf("Could not delete %d relayed outbox rows: %s", ids.size(), e.getMessage());
            connection.close();
        }
    }

    @Override
    public void close() {
        deleteRelayed(relayedNotDeleted);
        relayedNotDeleted.clear();
        connection.close();
    }
}
