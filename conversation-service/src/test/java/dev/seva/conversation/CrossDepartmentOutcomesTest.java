package dev.seva.conversation;

import dev.seva.contracts.ContractAssertions;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.Headers;
import dev.seva.contracts.Topics;
import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.contracts.department.ApplicationOutcomeDecided.DocumentData;
import dev.seva.contracts.department.ApplicationOutcomeDecided.Outcome;
import dev.seva.contracts.documents.DocumentIssued;
import dev.seva.contracts.whatsapp.SendMessage;
import dev.seva.conversation.domain.Language;
import dev.seva.conversation.domain.Messages;
import dev.seva.devstack.Devstack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.seva.conversation.JourneyScenarioTest.INCOME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outcomes are believed from their topic, not from their body: a department that approves another
 * department's application, or names another service or its certificate, is dead-lettered with the
 * reason, and the citizen hears nothing of it. The honest department's outcome still reaches them.
 */
@QuarkusTest
@QuarkusTestResource(ConversationTestResource.class)
class CrossDepartmentOutcomesTest {

    static final String MUNICIPAL_OUTCOMES = Topics.departmentOutcomes("municipal");
    static Chat chat;
    Devstack devstack;

    @BeforeEach
    void connect() throws Exception {
        if (chat == null) {
            // The other department's topics exist, as its KafkaTopics would in a cluster.
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers()))) {
                Set<String> existing = admin.listTopics().names().get();
                List<NewTopic> missing = List.of(MUNICIPAL_OUTCOMES, Topics.deadLetter(MUNICIPAL_OUTCOMES), Topics.deadLetter(Topics.departmentOutcomes("revenue")),
                                Topics.deadLetter(Topics.DOCUMENTS_ISSUED))
                        .stream().filter(t -> !existing.contains(t)).map(t -> new NewTopic(t, 1, (short) 1)).toList();
                admin.createTopics(missing).all().get();
            } catch (Exception e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            chat = new Chat(devstack.kafkaBootstrapServers());
            JourneyScenarioTest.chat = chat;
        }
    }

    @AfterAll
    static void close() {
        if (chat != null) {
            chat.close();
            chat = null;
            JourneyScenarioTest.chat = null;
        }
    }

    @Test
    void anotherDepartmentsApprovalOfARevenueApplicationIsDeadLetteredAndTheCitizenHearsNothing() {
        Applied a = revenueApplication();

        // Municipal answers, on its own topic and in its own name, Revenue's application SEVA-REV-…: the contract
        // itself refuses another department's reference there (our producers could not send it).
        ApplicationOutcomeDecided forged = new ApplicationOutcomeDecided(EventIds.random(), ApplicationOutcomeDecided.EVENT_TYPE, Instant.now(),
                "municipal", a.reference, INCOME, a.citizenRef, Outcome.APPROVED, null, null, new DocumentData("income_certificate", Map.of(), null), null);
        chat.publish(MUNICIPAL_OUTCOMES, a.citizenRef, forged, ApplicationOutcomeDecided.EVENT_TYPE);

        assertThat(deadLetterReason(MUNICIPAL_OUTCOMES, forged.eventId())).contains("breaks its contract").contains("/applicationRef");
        assertThat(a.citizen.allReplies()).as("nothing told to the citizen").hasSize(a.repliesBefore);
        assertStillSubmitted(a);
    }

    @Test
    void aDepartmentWritingInAnotherDepartmentsNameOnItsOwnTopicIsDeadLettered() {
        Applied a = revenueApplication();

        // The municipal department claims to be revenue: its topic says who it is.
        ApplicationOutcomeDecided forged = outcome("revenue", a, INCOME, Outcome.APPROVED, new DocumentData("income_certificate", Map.of(), null));
        chat.publish(MUNICIPAL_OUTCOMES, a.citizenRef, forged, ApplicationOutcomeDecided.EVENT_TYPE);

        assertThat(deadLetterReason(MUNICIPAL_OUTCOMES, forged.eventId())).contains("departmentId");
        assertThat(a.citizen.allReplies()).as("nothing told to the citizen").hasSize(a.repliesBefore);
        assertStillSubmitted(a);
    }

    @Test
    void anApprovalNamingAnotherServiceOrItsCertificateIsDeadLetteredAndTheHonestOutcomeStillArrives() {
        Applied a = revenueApplication();
        String revenueOutcomes = Topics.departmentOutcomes("revenue");

        ApplicationOutcomeDecided otherService = outcome("revenue", a, "rev-caste-certificate", Outcome.APPROVED,
                new DocumentData("caste_certificate", Map.of(), null));
        ApplicationOutcomeDecided otherCertificate = outcome("revenue", a, INCOME, Outcome.APPROVED,
                new DocumentData("caste_certificate", Map.of(), null));
        chat.publish(revenueOutcomes, a.citizenRef, otherService, ApplicationOutcomeDecided.EVENT_TYPE);
        chat.publish(revenueOutcomes, a.citizenRef, otherCertificate, ApplicationOutcomeDecided.EVENT_TYPE);

        assertThat(deadLetterReason(revenueOutcomes, otherService.eventId())).contains("cross-service").contains("rev-caste-certificate");
        assertThat(deadLetterReason(revenueOutcomes, otherCertificate.eventId())).contains("cross-service").contains("caste_certificate");
        assertThat(a.citizen.allReplies()).as("nothing told to the citizen").hasSize(a.repliesBefore);

        // The department's own, honest approval of its own service still reaches the citizen.
        ApplicationOutcomeDecided honest = outcome("revenue", a, INCOME, Outcome.APPROVED, new DocumentData("income_certificate", Map.of(), null));
        chat.publish(revenueOutcomes, a.citizenRef, honest, ApplicationOutcomeDecided.EVENT_TYPE);
        await().atMost(Duration.ofSeconds(30)).until(() -> JourneyScenarioTest.lastText(a.citizen).contains("approved"));
        assertThat(JourneyScenarioTest.lastText(a.citizen))
                .isEqualTo(Messages.text(Language.EN, "outcome.approved.document.text", a.reference, a.service.names().en()));
    }

    @Test
    void aDocumentOfAnotherDepartmentOrTypeIsNotDeliveredToTheCitizen() {
        Applied a = revenueApplication();
        DocumentIssued otherDepartment = document(a, "municipal", "birth_certificate");
        DocumentIssued otherType = document(a, "revenue", "caste_certificate");
        chat.publish(Topics.DOCUMENTS_ISSUED, a.citizenRef, otherDepartment, DocumentIssued.EVENT_TYPE);
        chat.publish(Topics.DOCUMENTS_ISSUED, a.citizenRef, otherType, DocumentIssued.EVENT_TYPE);

        assertThat(deadLetterReason(Topics.DOCUMENTS_ISSUED, otherDepartment.eventId())).contains("cross-department");
        assertThat(deadLetterReason(Topics.DOCUMENTS_ISSUED, otherType.eventId())).contains("cross-service");
        assertThat(a.citizen.allReplies()).as("no document sent").hasSize(a.repliesBefore)
                .noneMatch(m -> m.kind() == SendMessage.Kind.DOCUMENT);
    }

    private static DocumentIssued document(Applied a, String departmentId, String type) {
        DocumentIssued issued = new DocumentIssued(EventIds.random(), DocumentIssued.EVENT_TYPE, Instant.now(), "doc_" + UUID.randomUUID().toString().replace("-", ""),
                type, a.reference, departmentId, a.citizenRef, type + "-" + a.reference + ".pdf",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 48213, "http://localhost:8084/verify/" + a.reference,
                Instant.now(), null);
        ContractAssertions.assertConforms(Topics.DOCUMENTS_ISSUED, issued);
        return issued;
    }

    record Applied(Chat.Citizen citizen, ServiceDefinition service, String reference, String citizenRef, int repliesBefore) {
    }

    private static Applied revenueApplication() {
        Chat.Citizen citizen = JourneyScenarioTest.atIncomeCertificateDetails();
        ServiceDefinition income = Answers.definition(ConversationTestResource.catalogue().url(), INCOME);
        String reference = JourneyScenarioTest.apply(citizen, income, Language.EN);
        String citizenRef = Chat.read(JourneyScenarioTest.departmentEvent(income.departmentId(), reference, "application.submitted").value())
                .get("citizenRef").asText();
        return new Applied(citizen, income, reference, citizenRef, citizen.allReplies().size());
    }

    private static ApplicationOutcomeDecided outcome(String departmentId, Applied a, String serviceId, Outcome outcome, DocumentData document) {
        ApplicationOutcomeDecided decided = new ApplicationOutcomeDecided(EventIds.random(), ApplicationOutcomeDecided.EVENT_TYPE, Instant.now(),
                departmentId, a.reference, serviceId, a.citizenRef, outcome, null, null, document, null);
        ContractAssertions.assertConforms(Topics.departmentOutcomes(departmentId), decided);
        return decided;
    }

    /** Waits for the outcome on the topic's dead-letter topic and answers the reason recorded with it. */
    private static String deadLetterReason(String topic, UUID eventId) {
        String dlq = Topics.deadLetter(topic);
        await().atMost(Duration.ofSeconds(60)).until(() -> chat.records(dlq).stream().anyMatch(r -> r.value().contains(eventId.toString())));
        ConsumerRecord<String, String> dead = chat.records(dlq).stream().filter(r -> r.value().contains(eventId.toString())).findFirst().orElseThrow();
        return new String(dead.headers().lastHeader(Headers.DLQ_REASON).value(), StandardCharsets.UTF_8);
    }

    private static void assertStillSubmitted(Applied a) {
        List<SendMessage> status = a.citizen.says("status " + a.reference, 1);
        assertThat(status.get(0).text().body()).contains(a.reference).contains(Messages.text(Language.EN, "status.submitted"));
    }
}
