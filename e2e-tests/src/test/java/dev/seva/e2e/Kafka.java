package dev.seva.e2e;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The e2e platform's Kafka broker seen from outside, as an operator (or a department's system) would: every
 * record of a topic from its beginning, every topic of the run, and a record published as a department's
 * system publishes it. Records are read as bytes and shown as UTF-8, headers included, so that a search
 * for a citizen's data finds it wherever it is.
 */
final class Kafka {

    static final String BOOTSTRAP = "127.0.0.1:29092";

    /** One record as stored: topic, key, value and every header (name=value), all as text. */
    record Stored(String topic, int partition, long offset, String key, String value, Map<String, String> headers) {

        /** Everything a reader of the topic sees of the record. */
        String everything() {
            return topic + " " + key + " " + value + " " + headers;
        }
    }

    /** Where a record was written. */
    record Sent(String topic, int partition, long offset) {
    }

    private Kafka() {
    }

    /**
     * Until every consumer group that reads the record's partition (assigned it now, or committed on it before)
     * has committed past the record: every service has handled it, whatever it did with it.
     */
    static void awaitReadByEveryGroup(Sent sent, Duration timeout) {
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            await().alias("every consumer group of " + sent + " past it").atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
                List<String> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                        .map(ConsumerGroupListing::groupId).toList();
                Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all().get(30, TimeUnit.SECONDS);
                List<String> behind = new ArrayList<>();
                int readers = 0;
                for (String group : groups) {
                    OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                            .get(30, TimeUnit.SECONDS).get(partition);
                    boolean assigned = described.get(group).members().stream()
                            .anyMatch(m -> m.assignment().topicPartitions().contains(partition));
                    if (committed == null && !assigned) {
                        continue;
                    }
                    readers++;
                    if (committed == null || committed.offset() <= sent.offset()) {
                        behind.add(group);
                    }
                }
                return readers > 0 && behind.isEmpty();
            });
        }
    }

    /** Every topic of the run, internal ones (consumer offsets, transaction state) included. */
    static List<String> topics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            return new ArrayList<>(new TreeSet<>(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS)));
        } catch (Exception e) {
            throw new IllegalStateException("Could not list the topics of " + BOOTSTRAP, e);
        }
    }

    /** Every record of every topic of the run, from the beginning to the end each partition has now. */
    static List<Stored> everything() {
        return read(topics());
    }

    /** Every record of these topics (those that exist), from the beginning to the end each partition has now. */
    static List<Stored> read(Collection<String> topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        // Records of aborted transactions too: what is on the broker's disk, not only what a consumer would see.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        List<Stored> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            Map<String, List<PartitionInfo>> all = consumer.listTopics(Duration.ofSeconds(30));
            for (String topic : topics) {
                for (PartitionInfo info : all.getOrDefault(topic, List.of())) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            if (partitions.isEmpty()) {
                return found;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new LinkedHashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!end.isEmpty()) {
                end.entrySet().removeIf(e -> consumer.position(e.getKey(), Duration.ofSeconds(30)) >= e.getValue());
                if (end.isEmpty()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read to the end of " + end.keySet());
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
                    }
                    found.add(new Stored(r.topic(), r.partition(), r.offset(), text(r.key()), text(r.value()), headers));
                }
            }
        }
        return found;
    }

    /** Publishes one record as a department's system does (value JSON, key the citizen reference, eventType and eventId headers). */
    static Sent publish(String topic, String key, String json, String eventType, String eventId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
            record.headers().add("eventType", eventType.getBytes(StandardCharsets.UTF_8));
            record.headers().add("eventId", eventId.getBytes(StandardCharsets.UTF_8));
            RecordMetadata written = producer.send(record).get(30, TimeUnit.SECONDS);
            return new Sent(topic, written.partition(), written.offset());
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
