package dev.seva.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.EventJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads, from the real broker, exactly the records written to some topics between two moments:
 * {@link #mark()} notes the end offsets, {@link #since()} returns every record after them. The
 * gateway answers 200 only after acks=all, so once it has answered, its records are readable.
 */
final class TopicRecords implements AutoCloseable {

    /** A record as a test sees it. */
    record Seen(String topic, int partition, long offset, String key, Map<String, String> headers, JsonNode value) {
    }

    /** One reader of the webhook topics per broker, shared by the test classes of the JVM (they run one at a time). */
    private static final Map<String, TopicRecords> SHARED = new HashMap<>();

    private final KafkaConsumer<String, String> consumer;
    private final List<String> topics;
    private Map<TopicPartition, Long> marks = Map.of();

    TopicRecords(String bootstrapServers, List<String> topics) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"),
                new StringDeserializer(), new StringDeserializer());
        this.topics = List.copyOf(topics);
    }

    /** The shared reader of the gateway's four topics on this broker, marked now: {@link #since()} answers what follows. */
    static synchronized TopicRecords marked(String bootstrapServers) {
        TopicRecords records = SHARED.computeIfAbsent(bootstrapServers,
                servers -> new TopicRecords(servers, WebhookFixturesTest.TOPICS));
        records.mark();
        return records;
    }

    void mark() {
        marks = endOffsets();
    }

    /** Every record written to the topics since {@link #mark()}, in partition order. */
    List<Seen> since() {
        Map<TopicPartition, Long> ends = endOffsets();
        List<Seen> seen = new ArrayList<>();
        List<TopicPartition> pending = new ArrayList<>();
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (end.getValue() > marks.getOrDefault(end.getKey(), 0L)) {
                pending.add(end.getKey());
            }
        }
        if (pending.isEmpty()) {
            return seen;
        }
        consumer.assign(pending);
        pending.forEach(tp -> consumer.seek(tp, marks.getOrDefault(tp, 0L)));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < ends.get(tp)) {
                    seen.add(new Seen(record.topic(), record.partition(), record.offset(), record.key(), headers(record), parse(record.value())));
                }
            }
            pending.removeIf(tp -> consumer.position(tp) >= ends.get(tp));
        }
        consumer.unsubscribe();
        // Deterministic: topics in the order given, then partition, then offset.
        seen.sort(Comparator.<Seen>comparingInt(r -> topics.indexOf(r.topic()))
                .thenComparingInt(Seen::partition).thenComparingLong(Seen::offset));
        return seen;
    }

    private Map<TopicPartition, Long> endOffsets() {
        List<TopicPartition> partitions = new ArrayList<>();
        Map<String, List<PartitionInfo>> known = consumer.listTopics(Duration.ofSeconds(10));
        for (String topic : topics) {
            Collection<PartitionInfo> infos = known.getOrDefault(topic, List.of());
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        return new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(10)));
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            if (header.key().equals("eventType") || header.key().equals("eventId") || header.key().startsWith("dlq-")) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }

    private static JsonNode parse(String value) {
        try {
            return EventJson.mapper().readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
