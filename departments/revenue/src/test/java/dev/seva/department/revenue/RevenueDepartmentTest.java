package dev.seva.department.revenue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.seva.privacy.vault.CitizenKey;
import dev.seva.privacy.vault.SealedJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.ContractAssertions;
import dev.seva.contracts.ContractExamples;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Topics;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The sample department over the real broker: what it decides for each kind of application. */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class RevenueDepartmentTest {

    static KafkaProducer<String, String> producer;
    static KafkaConsumer<String, String> consumer;
    static final List<ConsumerRecord<String, String>> outcomes = new ArrayList<>();
    Devstack devstack;

    @BeforeEach
    void connect() throws Exception {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers()),
                    new StringSerializer(), new StringSerializer());
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new StringDeserializer());
            consumer.subscribe(List.of(Topics.departmentOutcomes("revenue")));
            // The department learns its services from the compacted catalogue topic.
            for (String id : List.of("rev-income-certificate", "rev-ews-certificate")) {
                ObjectNode published = ContractExamples.load("catalogue.services.v1", "income-certificate").deepCopy();
                ((ObjectNode) published.get("service")).put("id", id).put("documentType", id.equals("rev-ews-certificate") ? "ews_certificate" : "income_certificate");
                producer.send(new ProducerRecord<>(Topics.CATALOGUE_SERVICES, id, published.toString())).get();
            }
        }
    }

    @AfterAll
    static void close() {
        if (producer != null) {
            producer.close();
            consumer.close();
            producer = null;
        }
    }

    /** The key the contract examples are sealed with (ContractExamples.EXAMPLE_KEY_ID). */
    private static final CitizenKey EXAMPLE_KEY = new CitizenKey(ContractExamples.EXAMPLE_CITIZEN_REF, ContractExamples.EXAMPLE_KEY_ID, new byte[32]);

    @Test
    void aCompleteApplicationIsAcceptedThenApprovedWithTheDataItsCertificatePrints() throws Exception {
        String reference = submit("rev-income-certificate", true);
        List<JsonNode> decided = awaitOutcomes(reference, 2);
        assertThat(decided).extracting(o -> o.get("outcome").asText()).containsExactly("accepted", "approved");
        JsonNode document = decided.get(1).get("document");
        assertThat(document.get("type").asText()).isEqualTo("income_certificate");
        // The citizen's answers are copied through sealed, as they arrived: the sample never holds them
        // in clear and needs no key; document-service opens them with the citizen's key.
        assertThat(document.at("/data/applicantName").asText()).startsWith("sealed:v1:");
        assertThat(decided.get(1).toString()).doesNotContain("Lakshmi", "4321", "84000");
        assertThat(SealedJson.open(EXAMPLE_KEY, document.at("/data/applicantName")).asText()).isEqualTo("Lakshmi Venkata");
        assertThat(SealedJson.open(EXAMPLE_KEY, document.at("/data/aadhaar")).get("masked").asText()).isEqualTo("XXXX XXXX 4321");
        assertThat(SealedJson.open(EXAMPLE_KEY, document.at("/data/annualIncome")).asLong()).isEqualTo(84000);
        assertThat(document.at("/data/district").asText()).isEqualTo("Krishna");
    }

    @Test
    void anApplicationMissingARequiredFieldIsRejectedWithTheReason() throws Exception {
        String reference = submit("rev-income-certificate", false);
        JsonNode rejected = awaitOutcomes(reference, 1).get(0);
        assertThat(rejected.get("outcome").asText()).isEqualTo("rejected");
        assertThat(rejected.at("/reason/en").asText()).contains("aadhaar");
        assertThat(rejected.at("/reason/te").asText()).isNotBlank();
    }

    @Test
    void forSomeServicesTheOfficerAsksFirstAndApprovesAfterTheAnswer() throws Exception {
        String reference = submit("rev-ews-certificate", true);
        List<JsonNode> first = awaitOutcomes(reference, 2);
        assertThat(first).extracting(o -> o.get("outcome").asText()).containsExactly("accepted", "more_information_needed");
        assertThat(first.get(1).at("/question/id").asText()).isEqualTo(Decisions.QUESTION_ID);

        ObjectNode answer = ContractExamples.load("dept.applications.v1", "information-provided").deepCopy();
        answer.put("eventId", UUID.randomUUID().toString()).put("applicationRef", reference).put("serviceId", "rev-ews-certificate");
        ((ObjectNode) answer.get("information")).put("questionId", Decisions.QUESTION_ID)
                .set("answer", SealedJson.seal(EXAMPLE_KEY, TextNode.valueOf("2 acres of farm land")));
        send(answer);
        List<JsonNode> all = awaitOutcomes(reference, 3);
        assertThat(all.get(2).get("outcome").asText()).isEqualTo("approved");
        assertThat(all.get(2).at("/document/type").asText()).isEqualTo("ews_certificate");
    }

    private String submit(String serviceId, boolean complete) throws Exception {
        String reference = "SEVA-REV-2026-" + String.format("%06d", (int) (Math.random() * 900_000) + 100_000);
        ObjectNode application = ContractExamples.load("dept.applications.v1", "submitted").deepCopy();
        application.put("eventId", EventIds.random().toString()).put("applicationRef", reference).put("serviceId", serviceId);
        if (!complete) {
            ((ObjectNode) application.get("fields")).remove("aadhaar");
        }
        send(application);
        return reference;
    }

    private void send(ObjectNode event) throws Exception {
        ContractAssertions.assertConforms(Topics.departmentApplications("revenue"), event);
        producer.send(new ProducerRecord<>(Topics.departmentApplications("revenue"), event.get("citizenRef").asText(), event.toString())).get();
    }

    private static List<JsonNode> awaitOutcomes(String reference, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(outcomes::add);
            return mine(reference).size() >= count;
        });
        List<JsonNode> mine = mine(reference);
        mine.forEach(o -> ContractAssertions.assertConforms(Topics.departmentOutcomes("revenue"), o));
        return mine;
    }

    private static List<JsonNode> mine(String reference) {
        List<JsonNode> found = new ArrayList<>();
        for (ConsumerRecord<String, String> record : outcomes) {
            try {
                JsonNode json = EventJson.mapper().readTree(record.value());
                if (reference.equals(json.path("applicationRef").asText())) {
                    found.add(json);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }
}
