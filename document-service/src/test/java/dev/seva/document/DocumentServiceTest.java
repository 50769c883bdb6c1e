package dev.seva.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.ContractAssertions;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Topics;
import dev.seva.contracts.citizen.CitizenErasureRequested;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.contracts.internal.DocumentFetchToken;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * document-service over the real broker and database: approved outcomes become signed, stored,
 * announced documents (once, however often delivered); the verification page tells valid, tampered
 * and unknown apart (revoked: {@link DocumentRevocationTest}); the PDF is served only for a valid fetch
 * token; erasure leaves only the verification record.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "document"))
@QuarkusTestResource(VaultStandIn.class)
class DocumentServiceTest {

    static final String SECRET = "test-document-fetch-secret-current";
    static final String PREVIOUS_SECRET = "test-document-fetch-secret-previous";
    static final AtomicInteger APPLICATIONS = new AtomicInteger(500);
    static KafkaProducer<String, String> producer;
    static KafkaConsumer<String, String> issued;
    static final List<ConsumerRecord<String, String>> ISSUED = new ArrayList<>();

    Devstack devstack;

    @BeforeEach
    void connect() {
        if (producer == null) {
            producer = TestCatalogue.producer(devstack.kafkaBootstrapServers());
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers());
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "document-test-" + UUID.randomUUID());
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            issued = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
            issued.subscribe(List.of(Topics.DOCUMENTS_ISSUED));
        }
    }

    @AfterAll
    static void close() {
        if (producer != null) {
            producer.close();
            issued.close();
            producer = null;
        }
    }

    @Test
    void approvedOutcomeBecomesOneSignedDocumentAnnouncedOnItsTopic() throws Exception {
        ApplicationOutcomeDecided outcome = approvedIncome();
        send(outcome);
        JsonNode event = issuedFor(outcome.applicationRef());

        assertThat(event.path("documentType").asText()).isEqualTo("income_certificate");
        assertThat(event.path("citizenRef").asText()).isEqualTo(outcome.citizenRef());
        assertThat(event.path("eventId").asText()).isEqualTo(EventIds.nameBased("documents.issued", outcome.eventId().toString()).toString());
        String documentId = event.path("documentId").asText();
        assertThat(event.path("verificationUrl").asText()).isEqualTo("http://localhost:8084/verify/" + documentId);
        byte[] pdf = fetch(documentId, DocumentFetchToken.issue(SECRET, documentId, Duration.ofMinutes(2), Clock.systemUTC())).asByteArray();
        assertThat(pdf.length).isEqualTo(event.path("sizeBytes").asInt());
        assertThat(dev.seva.document.service.CertificateFactory.sha256(pdf)).isEqualTo(event.path("sha256").asText());
        assertThat(SamplePdfs.signatureValid(pdf)).isTrue();
        assertThat(SamplePdfs.qrText(SamplePdfs.page(pdf, 110))).isEqualTo(event.path("verificationUrl").asText());
    }

    @Test
    void redeliveredOutcomeCreatesNoSecondDocument() throws Exception {
        ApplicationOutcomeDecided outcome = approvedIncome();
        send(outcome);
        issuedFor(outcome.applicationRef());
        send(outcome);
        // Another approval of the same application (a department re-sending with a new event id) is no new document either.
        send(new ApplicationOutcomeDecided(UUID.randomUUID(), outcome.eventType(), Instant.now(), outcome.departmentId(), outcome.applicationRef(),
                outcome.serviceId(), outcome.citizenRef(), outcome.outcome(), null, null, outcome.document(), outcome.officer()));
        ApplicationOutcomeDecided marker = approvedIncome();
        send(marker);
        issuedFor(marker.applicationRef());

        assertThat(count("SELECT count(*) FROM document WHERE application_ref = '" + outcome.applicationRef() + "'")).isEqualTo(1);
        assertThat(ISSUED.stream().filter(r -> r.value().contains(outcome.applicationRef())).count()).isEqualTo(1);
    }

    @Test
    void outcomesThatAreNotApprovalsWithADocumentMakeNoDocument() throws Exception {
        ApplicationOutcomeDecided approved = approvedIncome();
        send(new ApplicationOutcomeDecided(UUID.randomUUID(), approved.eventType(), Instant.now(), approved.departmentId(), approved.applicationRef(),
                approved.serviceId(), approved.citizenRef(), ApplicationOutcomeDecided.Outcome.ACCEPTED, null, null, null, null));
        ApplicationOutcomeDecided marker = approvedIncome();
        send(marker);
        issuedFor(marker.applicationRef());
        assertThat(count("SELECT count(*) FROM document WHERE application_ref = '" + approved.applicationRef() + "'")).isZero();
    }

    @Test
    void verificationPageSaysValidWithMaskedNamesAndNoAadhaar() throws Exception {
        ApplicationOutcomeDecided outcome = approvedIncome();
        String documentId = issue(outcome);
        given().accept("text/html").get("/verify/" + documentId).then().statusCode(200)
                .body(containsString("Authentic document"), containsString("Income Certificate"), containsString("Revenue Department"),
                        containsString("L****** V******"), not(containsString("Lakshmi")), not(containsString("XXXX XXXX")));
        given().accept("application/json").get("/verify/" + documentId).then().statusCode(200)
                .body("status", equalTo("valid"), "authentic", equalTo(true), "department.id", equalTo("revenue"),
                        "holder", equalTo("L****** V******"), "issuedAt", not(equalTo(null)),
                        // without the printed code: the reference, no key fields (VerificationPageTest)
                        "applicationRef", equalTo(outcome.applicationRef()), "fields", equalTo(null));
    }

    @Test
    void verificationPageSaysUnknownForUnknownAndMalformedIds() {
        given().accept("application/json").get("/verify/doc_doesNotExist00000000").then().statusCode(404)
                .body("status", equalTo("unknown"), "authentic", equalTo(false));
        given().accept("text/html").get("/verify/doc_doesNotExist00000000").then().statusCode(404).body(containsString("Unknown document"));
        given().accept("application/json").get("/verify/not a document!").then().statusCode(404).body("status", equalTo("unknown"));
        given().accept("text/html").get("/verify/<script>").then().statusCode(404).body(not(containsString("<script>")));
    }

    @Test
    void verificationPageSaysTamperedWhenTheStoredPdfNoLongerMatchesItsHash() throws Exception {
        String documentId = issue(approvedIncome());
        // One bit of the stored (sealed) bytes flipped: it no longer opens with the citizen's key (GCM), so tampered.
        execute("UPDATE document SET pdf = set_byte(pdf, 2000, get_byte(pdf, 2000) # 1) WHERE id = '" + documentId + "'");
        given().accept("application/json").get("/verify/" + documentId).then().statusCode(200)
                .body("status", equalTo("tampered"), "authentic", equalTo(false));
        fetch(documentId, DocumentFetchToken.issue(SECRET, documentId, Duration.ofMinutes(2), Clock.systemUTC()), 409);
    }

    @Test
    void contentEndpointRefusesMissingExpiredForeignAndForgedTokens() throws Exception {
        String documentId = issue(approvedIncome());
        String other = issue(approvedIncome());
        given().get("/internal/documents/" + documentId + "/content").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofMinutes(5)), ZoneOffset.UTC);
        fetch(documentId, DocumentFetchToken.issue(SECRET, documentId, Duration.ofMinutes(1), past), 401);
        fetch(documentId, DocumentFetchToken.issue(SECRET, other, Duration.ofMinutes(1), Clock.systemUTC()), 403);
        fetch(documentId, DocumentFetchToken.issue("an-attackers-own-secret-value", documentId, Duration.ofMinutes(1), Clock.systemUTC()), 401);
        // The previous secret still works during a rotation.
        fetch(documentId, DocumentFetchToken.issue(PREVIOUS_SECRET, documentId, Duration.ofMinutes(1), Clock.systemUTC()), 200);
        fetch("doc_doesNotExist00000000", DocumentFetchToken.issue(SECRET, "doc_doesNotExist00000000", Duration.ofMinutes(1), Clock.systemUTC()), 404);
    }

    @Test
    void erasureDeletesThePdfAndPersonalDataButKeepsTheDocumentVerifiable() throws Exception {
        ApplicationOutcomeDecided outcome = approvedIncome();
        String documentId = issue(outcome);
        sendErasure(producer, outcome.citizenRef());

        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM document WHERE citizen_ref = '" + outcome.citizenRef() + "'") == 0);
        assertThat(count("SELECT count(*) FROM document WHERE id = '" + documentId + "' AND pdf IS NULL AND application_ref IS NULL "
                + "AND public_fields IS NULL AND erased_at IS NOT NULL")).isEqualTo(1);
        given().accept("application/json").get("/verify/" + documentId).then().statusCode(200)
                .body("status", equalTo("valid"), "holder", equalTo("L****** V******"), "sha256", not(equalTo(null)));
        fetch(documentId, DocumentFetchToken.issue(SECRET, documentId, Duration.ofMinutes(1), Clock.systemUTC()), 410);
    }

    // --- helpers ------------------------------------------------------------------------------

    static ApplicationOutcomeDecided approvedIncome() {
        String reference = String.format("SEVA-REV-2026-%06d", APPLICATIONS.incrementAndGet() + (int) (System.nanoTime() % 1000) * 1000);
        String citizen = "cit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        return SamplePdfs.approved(reference, citizen, "income_certificate", Map.of("applicantName", "Lakshmi Venkata", "annualIncome", 84000,
                "district", "Krishna", "mandal", "Vijayawada Urban", "aadhaarMasked", "XXXX XXXX 1234"));
    }

    /**
     * A citizen's erasure as conversation-service writes it: only the citizenRef (the event carries no phone
     * number; written as JSON so that the test does not depend on the record's constructor, which is losing its address).
     */
    static void sendErasure(KafkaProducer<String, String> producer, String citizenRef) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode erasure = EventJson.mapper().createObjectNode()
                .put("eventId", UUID.randomUUID().toString()).put("eventType", CitizenErasureRequested.EVENT_TYPE)
                .put("occurredAt", Instant.now().toString()).put("citizenRef", citizenRef).put("reason", "citizen_request");
        ContractAssertions.assertConforms(Topics.CITIZEN_ERASURE, erasure.toString());
        producer.send(new ProducerRecord<>(Topics.CITIZEN_ERASURE, citizenRef, erasure.toString())).get();
    }

    void send(ApplicationOutcomeDecided outcome) throws Exception {
        String json = EventJson.mapper().writeValueAsString(outcome);
        ContractAssertions.assertConforms(Topics.departmentOutcomes("revenue"), json);
        producer.send(new ProducerRecord<>(Topics.departmentOutcomes("revenue"), outcome.citizenRef(), json)).get();
    }

    /** Sends the outcome and returns the id of the document issued for it. */
    String issue(ApplicationOutcomeDecided outcome) throws Exception {
        send(outcome);
        return issuedFor(outcome.applicationRef()).path("documentId").asText();
    }

    /** Waits for the documents.issued.v1 record of this application; every record read is checked against the contract. */
    static JsonNode issuedFor(String applicationRef) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            synchronized (ISSUED) {
                for (ConsumerRecord<String, String> r : issued.poll(Duration.ofMillis(200))) {
                    ContractAssertions.assertConforms(Topics.DOCUMENTS_ISSUED, r.value());
                    assertThat(r.key()).isEqualTo(EventJson.mapper().readTree(r.value()).path("citizenRef").asText());
                    ISSUED.add(r);
                }
                return ISSUED.stream().anyMatch(r -> r.value().contains("\"" + applicationRef + "\""));
            }
        });
        synchronized (ISSUED) {
            return ISSUED.stream().filter(r -> r.value().contains("\"" + applicationRef + "\"")).map(r -> read(r.value())).findFirst().orElseThrow();
        }
    }

    static io.restassured.response.Response fetch(String documentId, String token) {
        return given().header("Authorization", "Bearer " + token).get("/internal/documents/" + documentId + "/content").then()
                .statusCode(200).contentType("application/pdf").extract().response();
    }

    static void fetch(String documentId, String token, int status) {
        given().header("Authorization", "Bearer " + token).get("/internal/documents/" + documentId + "/content").then().statusCode(status);
    }

    static JsonNode read(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String sql) throws Exception {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void execute(String sql) throws Exception {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.executeUpdate();
        }
    }

    Connection connection() throws Exception {
        var pg = devstack.postgres();
        return DriverManager.getConnection(pg.jdbcUrl("document"), pg.user(), pg.password());
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
