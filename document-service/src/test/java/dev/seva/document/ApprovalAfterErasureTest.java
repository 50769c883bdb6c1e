package dev.seva.document;

import dev.seva.contracts.EventJson;
import dev.seva.contracts.Topics;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import dev.seva.document.persistence.ErasedCitizens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An approval that arrives after the citizen's erasure (the department decided before it heard of it)
 * issues nothing: no document row, no documents.issued.v1 event, and no dead letter (it is a legitimate
 * race, not a broken record). Over the real broker and database.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "document"))
@QuarkusTestResource(VaultStandIn.class)
class ApprovalAfterErasureTest {

    static KafkaProducer<String, String> producer;

    Devstack devstack;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void connect() {
        if (producer == null) {
            producer = TestCatalogue.producer(devstack.kafkaBootstrapServers());
        }
    }

    @AfterAll
    static void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    @Test
    void anApprovalAfterTheErasureIssuesNoDocumentAndIsNotDeadLettered() throws Exception {
        // Tried: erase a citizen who has no document yet, then deliver the department's approval for them;
        // before this change the approval became a signed certificate sent to an erased citizen.
        ApplicationOutcomeDecided late = DocumentServiceTest.approvedIncome();
        DocumentServiceTest.sendErasure(producer, late.citizenRef());
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT count(*) FROM erased_citizen WHERE citizen_ref_sha256 = '" + ErasedCitizens.sha256(late.citizenRef()) + "'") == 1);
        assertThat(count("SELECT count(*) FROM erased_citizen WHERE citizen_ref_sha256 = '" + late.citizenRef() + "'"))
                .as("only the hash of the citizenRef is kept").isZero();
        double skippedBefore = registry.counter("seva.document.approvals.after.erasure").count();
        try (KafkaConsumer<String, String> watch = consumer(Topics.DOCUMENTS_ISSUED, Topics.deadLetter(Topics.departmentOutcomes("revenue")))) {
            send(late);
            await().atMost(Duration.ofSeconds(60)).until(() -> registry.counter("seva.document.approvals.after.erasure").count() > skippedBefore);

            // A later approval of another citizen is issued as usual: once its event is read, the late one had its chance too.
            ApplicationOutcomeDecided marker = DocumentServiceTest.approvedIncome();
            send(marker);
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                watch.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> r.value().contains(marker.applicationRef()));
            });
            assertThat(seen).as("no documents.issued.v1 event and no dead letter for the erased citizen")
                    .noneMatch(r -> r.value().contains(late.applicationRef()) || r.value().contains(late.citizenRef()));
        }
        assertThat(count("SELECT count(*) FROM document WHERE application_ref = '" + late.applicationRef() + "' OR outcome_event_id = '"
                + late.eventId() + "'")).as("no document row").isZero();
    }

    @Test
    void anotherCitizensApprovalIsStillIssued() throws Exception {
        // The erased-citizen check matches by the citizen's own hash only.
        ApplicationOutcomeDecided erased = DocumentServiceTest.approvedIncome();
        DocumentServiceTest.sendErasure(producer, erased.citizenRef());
        ApplicationOutcomeDecided other = DocumentServiceTest.approvedIncome();
        send(other);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                count("SELECT count(*) FROM document WHERE application_ref = '" + other.applicationRef() + "' AND pdf IS NOT NULL") == 1);
    }

    void send(ApplicationOutcomeDecided outcome) throws Exception {
        producer.send(new ProducerRecord<>(Topics.departmentOutcomes("revenue"), outcome.citizenRef(),
                EventJson.mapper().writeValueAsString(outcome))).get();
    }

    KafkaConsumer<String, String> consumer(String... topics) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "document-erasure-race-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topics));
        // Join the group and take positions now, so that records written from here on are all seen.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(100));
            return consumer.assignment().size() >= topics.length;
        });
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    long count(String sql) throws Exception {
        var pg = devstack.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("document"), pg.user(), pg.password());
             PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
