package dev.seva.document;

import dev.seva.contracts.ContractAssertions;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Headers;
import dev.seva.contracts.Topics;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A department signs only its own services' certificates: the department is the outcome's topic's,
 * the service must be that department's in the catalogue and the document type that service's. A
 * forged approval is dead-lettered with the reason and no document is made (so nothing reaches the
 * citizen); the honest approval is still signed.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "document"))
@QuarkusTestResource(VaultStandIn.class)
class CrossDepartmentApprovalsTest {

    static final String REVENUE = Topics.departmentOutcomes("revenue");
    static final String MUNICIPAL = Topics.departmentOutcomes("municipal");
    static KafkaProducer<String, String> producer;
    static KafkaConsumer<String, String> dead;
    static final List<ConsumerRecord<String, String>> DEAD = new ArrayList<>();

    Devstack devstack;

    @BeforeEach
    void connect() throws Exception {
        if (producer == null) {
            // Both departments' topics exist, as their KafkaTopics would in a cluster.
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers()))) {
                Set<String> existing = admin.listTopics().names().get();
                List<NewTopic> missing = List.of(REVENUE, MUNICIPAL, Topics.deadLetter(REVENUE), Topics.deadLetter(MUNICIPAL)).stream()
                        .filter(t -> !existing.contains(t)).map(t -> new NewTopic(t, 1, (short) 1)).toList();
                admin.createTopics(missing).all().get();
            } catch (Exception e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            producer = TestCatalogue.producer(devstack.kafkaBootstrapServers());
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers());
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "document-dlq-test-" + UUID.randomUUID());
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            dead = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
            dead.subscribe(List.of(Topics.deadLetter(REVENUE), Topics.deadLetter(MUNICIPAL)));
        }
    }

    @AfterAll
    static void close() {
        if (producer != null) {
            producer.close();
            dead.close();
            producer = null;
        }
    }

    @Test
    void anotherDepartmentsApprovalOfARevenueCertificateIsDeadLetteredAndNothingIsSigned() throws Exception {
        // Municipal approves a revenue application and asks for revenue's income certificate.
        ApplicationOutcomeDecided forged = approval("municipal", "rev-income-certificate", "income_certificate");
        send(MUNICIPAL, forged);

        assertThat(deadLetterReason(forged)).contains("cross-department").contains("belongs to revenue");
        assertThat(documentsOf(forged)).isZero();
    }

    @Test
    void anApprovalOfAnotherDepartmentsApplicationReferenceIsDeadLetteredAndNothingIsSigned() throws Exception {
        // Municipal, on its own topic and in its own name, approves Revenue's application SEVA-REV-…
        // (which would otherwise block Revenue's real certificate for that reference).
        ApplicationOutcomeDecided own = approval("municipal", "mun-birth-certificate", "birth_certificate");
        String revenueReference = own.applicationRef().replace("SEVA-MUN-", "SEVA-REV-");
        ApplicationOutcomeDecided forged = new ApplicationOutcomeDecided(own.eventId(), own.eventType(), own.occurredAt(), "municipal",
                revenueReference, own.serviceId(), own.citizenRef(), own.outcome(), null, null, own.document(), own.officer());
        producer.send(new ProducerRecord<>(MUNICIPAL, forged.citizenRef(), EventJson.mapper().writeValueAsString(forged))).get();

        assertThat(deadLetterReason(forged)).contains("applicationRef");
        assertThat(documentsOf(forged)).isZero();
    }

    @Test
    void aDepartmentNamingAnotherDepartmentOnItsOwnTopicIsDeadLettered() throws Exception {
        // Municipal writes in revenue's name: the topic, not the body, says who it is.
        ApplicationOutcomeDecided forged = approval("revenue", "rev-income-certificate", "income_certificate");
        send(MUNICIPAL, forged);

        assertThat(deadLetterReason(forged)).contains("departmentId");
        assertThat(documentsOf(forged)).isZero();
    }

    @Test
    void anApprovalClaimingTheDocumentTypeOfAnotherServiceIsDeadLetteredAndTheHonestOneIsSigned() throws Exception {
        // Revenue approves an income certificate application but asks for a caste certificate; and for
        // municipal's birth certificate through municipal's service.
        ApplicationOutcomeDecided otherType = approval("revenue", "rev-income-certificate", "caste_certificate");
        ApplicationOutcomeDecided otherDepartmentsService = approval("revenue", "mun-birth-certificate", "birth_certificate");
        send(REVENUE, otherType);
        send(REVENUE, otherDepartmentsService);

        assertThat(deadLetterReason(otherType)).contains("cross-service").contains("caste_certificate");
        assertThat(deadLetterReason(otherDepartmentsService)).contains("cross-department").contains("belongs to municipal");
        assertThat(documentsOf(otherType)).isZero();
        assertThat(documentsOf(otherDepartmentsService)).isZero();

        ApplicationOutcomeDecided honest = approval("revenue", "rev-income-certificate", "income_certificate");
        send(REVENUE, honest);
        await().atMost(Duration.ofSeconds(60)).until(() -> documentsOf(honest) == 1);
        assertThat(query("SELECT department_id || ' ' || document_type FROM document WHERE application_ref = '" + honest.applicationRef() + "'"))
                .isEqualTo("revenue income_certificate");
    }

    @Test
    void anApprovalWithADocumentButNoServiceCannotBeCheckedAndIsDeadLettered() throws Exception {
        ApplicationOutcomeDecided withoutService = approval("revenue", null, "income_certificate");
        send(REVENUE, withoutService);

        assertThat(deadLetterReason(withoutService)).contains("serviceId");
        assertThat(documentsOf(withoutService)).isZero();
    }

    // --- helpers ------------------------------------------------------------------------------

    static ApplicationOutcomeDecided approval(String departmentId, String serviceId, String documentType) {
        // The department's own kind of reference: the contract refuses another department's (see below).
        String reference = String.format("SEVA-%s-2028-%09d", dev.seva.contracts.department.ApplicationReferences.departmentCode(departmentId),
                ThreadLocalRandom.current().nextInt(1_000_000_000));
        String citizen = "cit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        ApplicationOutcomeDecided sample = SamplePdfs.approved(reference, citizen, documentType, SamplePdfs.sampleData(documentType));
        return new ApplicationOutcomeDecided(UUID.randomUUID(), sample.eventType(), Instant.now(), departmentId, reference, serviceId, citizen,
                ApplicationOutcomeDecided.Outcome.APPROVED, null, null, sample.document(), sample.officer());
    }

    void send(String topic, ApplicationOutcomeDecided outcome) throws Exception {
        String json = EventJson.mapper().writeValueAsString(outcome);
        // Contract-valid as its claimed department's outcome: only the topic gives it away.
        ContractAssertions.assertConforms(Topics.departmentOutcomes(outcome.departmentId()), json);
        producer.send(new ProducerRecord<>(topic, outcome.citizenRef(), json)).get();
    }

    /** Waits for the outcome on a dead-letter topic and answers the reason recorded with it. */
    static String deadLetterReason(ApplicationOutcomeDecided outcome) {
        String id = outcome.eventId().toString();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            synchronized (DEAD) {
                dead.poll(Duration.ofMillis(200)).forEach(DEAD::add);
                return DEAD.stream().anyMatch(r -> r.value().contains(id));
            }
        });
        synchronized (DEAD) {
            ConsumerRecord<String, String> record = DEAD.stream().filter(r -> r.value().contains(id)).findFirst().orElseThrow();
            return new String(record.headers().lastHeader(Headers.DLQ_REASON).value(), StandardCharsets.UTF_8);
        }
    }

    long documentsOf(ApplicationOutcomeDecided outcome) throws Exception {
        return Long.parseLong(query("SELECT count(*) FROM document WHERE application_ref = '" + outcome.applicationRef() + "'"));
    }

    String query(String sql) throws Exception {
        var pg = devstack.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("document"), pg.user(), pg.password());
             PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
