package dev.seva.devstack;

import dev.seva.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The local run's look-up topics exist before the services start, so a pattern subscriber reads the first look-up at once. */
@ExtendWith(DevstackExtension.class)
class LookupTopicsTest {

    @Test
    void namesEveryCatalogueDepartmentsLookupsAndAnswersAsTheContractsDo() throws IOException {
        Set<String> catalogue = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("../catalogue-service/src/main/resources/catalogue/v1"))) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml") && !n.equals("catalogue.yaml"))
                    .forEach(n -> catalogue.add(n.substring(0, n.length() - ".yaml".length())));
        }
        Set<String> expected = new TreeSet<>();
        catalogue.forEach(d -> expected.addAll(Set.of(Topics.departmentLookups(d), Topics.departmentAnswers(d))));

        assertThat(LookupTopics.departments(Map.<String, String>of()::get)).as("the default departments").containsExactlyInAnyOrderElementsOf(catalogue);
        assertThat(LookupTopics.topics(LookupTopics.CATALOGUE_DEPARTMENTS)).isEqualTo(expected);
        assertThat(LookupTopics.departments(Map.of(LookupTopics.DEPARTMENTS_VARIABLE, " energy, municipal ,")::get)).containsExactly("energy", "municipal");
        assertThat(LookupTopics.departments(Map.of(LookupTopics.DEPARTMENTS_VARIABLE, "")::get)).as("empty: none").isEmpty();
        assertThatThrownBy(() -> LookupTopics.departments(Map.of(LookupTopics.DEPARTMENTS_VARIABLE, "dept.x")::get))
                .hasMessageContaining("not a department id");
    }

    @Test
    void createsTheMissingTopicsOnceWithTheBrokersPartitions(Devstack devstack) throws Exception {
        String department = freshDepartment();
        Set<String> topics = LookupTopics.topics(List.of(department));

        assertThat(LookupTopics.ensure(devstack.kafkaBootstrapServers(), topics)).isEqualTo(topics);
        assertThat(LookupTopics.ensure(devstack.kafkaBootstrapServers(), topics)).as("a restart: nothing to create").isEmpty();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers()))) {
            assertThat(admin.describeTopics(topics).allTopicNames().get().values())
                    .allSatisfy(t -> assertThat(t.partitions()).as(t.name()).hasSize(1)); // the test broker's default
        }
    }

    @Test
    void aPatternSubscriberReadsTheFirstAnswerWithoutWaitingForAMetadataRefresh(Devstack devstack) {
        String department = freshDepartment();
        String answers = Topics.departmentAnswers(department);
        LookupTopics.ensure(devstack.kafkaBootstrapServers(), LookupTopics.topics(List.of(department)));

        // As conversation-service subscribes, with Kafka's default metadata age (5 minutes): only a topic that
        // exists when it subscribes is read at once.
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "answers-" + department,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers(),
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            consumer.subscribe(Pattern.compile("dept\\." + department + "\\.answers\\.v1"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200));
                return !consumer.assignment().isEmpty();
            });
            producer.send(new ProducerRecord<>(answers, "cit_probe", "{\"lookupId\":\"probe\"}"));
            producer.flush();

            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return !read.isEmpty();
            });
            assertThat(read).extracting(ConsumerRecord::topic).containsExactly(answers);
        }
    }

    /** A department id no other test uses (lower-case letters only). */
    private static String freshDepartment() {
        StringBuilder id = new StringBuilder("probe");
        UUID.randomUUID().toString().replace("-", "").chars().limit(8).forEach(c -> id.append((char) ('a' + Character.digit(c, 16))));
        return id.toString();
    }
}
