package dev.seva.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.seva.contracts.ContractAssertions;
import dev.seva.contracts.ContractExamples;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Headers;
import dev.seva.contracts.Topics;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.contracts.internal.DocumentFetchToken;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import dev.seva.document.service.CertificateFactory;
import dev.seva.privacy.vault.CitizenKey;
import dev.seva.privacy.vault.SealedJson;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * Department payloads sealed per citizen (decision 009) as document-service meets them, over the real broker
 * and database with a stand-in vault-service ({@link VaultStandIn}): the approval's sealed certificate data is
 * opened with the citizen's key before it is printed, masked and published; the issued PDF is stored sealed
 * with that key and opened for the download; a citizen the vault has erased gets nothing; a value sealed for
 * another citizen is dead-lettered; while the vault is down an approval waits and a download is "try again".
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "document"))
@QuarkusTestResource(VaultStandIn.class)
class SealedCertificatesTest {

    static final String REVENUE = Topics.departmentOutcomes("revenue");
    static KafkaProducer<String, String> producer;
    static KafkaConsumer<String, String> watch;
    static final List<ConsumerRecord<String, String>> SEEN = new ArrayList<>();

    Devstack devstack;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void connect() {
        if (producer == null) {
            producer = TestCatalogue.producer(devstack.kafkaBootstrapServers());
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers());
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "document-sealed-test-" + UUID.randomUUID());
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            watch = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
            watch.subscribe(List.of(Topics.DOCUMENTS_ISSUED, Topics.deadLetter(REVENUE)));
        }
    }

    @AfterEach
    void vaultBack() {
        VaultStandIn.unavailable = false;
    }

    @AfterAll
    static void close() {
        if (producer != null) {
            producer.close();
            watch.close();
            producer = null;
        }
    }

    @Test
    void theContractsSealedApprovalIsPrintedOpenedAndItsPdfIsStoredSealed() throws Exception {
        // Tried: the contract's approved example as the sample Revenue department copies it through (applicantName and
        // annualIncome sealed for the example citizen, district and mandal clear), under a new event id and reference.
        // Before this change the certificate printed "sealed:v1:key_ExampleOnly…" as the name and the table held the clear PDF.
        ApplicationOutcomeDecided example = ContractExamples.load("dept.outcomes.v1", "approved", ApplicationOutcomeDecided.class);
        assertThat(example.document().data().get("applicantName").toString()).startsWith(CitizenKey.PREFIX);
        ApplicationOutcomeDecided outcome = again(example);
        send(outcome);
        JsonNode issued = issuedFor(outcome);
        String documentId = issued.path("documentId").asText();

        byte[] pdf = download(documentId).then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(CertificateFactory.sha256(pdf)).isEqualTo(issued.path("sha256").asText());
        assertThat(pdf.length).isEqualTo(issued.path("sizeBytes").asInt());
        assertThat(SamplePdfs.signatureValid(pdf)).isTrue();
        String text = SamplePdfs.text(pdf);
        assertThat(text).contains("Lakshmi Venkata").contains("84,000").contains("Krishna").doesNotContain("sealed:v1");

        byte[] stored = storedPdf(documentId);
        assertThat(new String(stored, 0, 4, StandardCharsets.US_ASCII)).as("the pdf column holds no PDF in clear").isNotEqualTo("%PDF");
        assertThat(CitizenKey.isSealed(stored)).isTrue();
        // Tried before: the key fields (the income here) stored in clear beside the sealed PDF.
        assertThat(storedPublicFields(documentId)).as("the key fields are sealed too").startsWith("sealed:v1:").doesNotContain("84");

        // The public record is made of the opened values: the masked name, and with the printed code the opened income.
        given().accept("application/json").get("/verify/" + documentId).then().statusCode(200)
                .body("status", equalTo("valid"), "holder", equalTo("L****** V******"));
        given().accept("application/json").queryParam("code", SamplePdfs.printedVerificationCode(pdf)).get("/verify/" + documentId).then()
                .statusCode(200).body("verificationCode", equalTo("accepted"), "fields.value", hasItem("84,000"));
    }

    @Test
    void aValueSealedForAnotherCitizenIsDeadLetteredWithItsReasonAndNothingIsIssued() throws Exception {
        // Tried: the applicant's name sealed with another citizen's key (a department mixing up two applications).
        String citizen = newCitizen();
        Map<String, Object> data = sealedIncomeData(citizen);
        data.put("applicantName", seal(VaultStandIn.citizenKey(newCitizen()), TextNode.valueOf("Somebody Else")));
        ApplicationOutcomeDecided outcome = approved(citizen, data);
        send(outcome);

        assertThat(deadLetterReason(outcome)).contains("document.data applicantName").contains("does not open with its citizen's key")
                .doesNotContain("Somebody");
        assertThat(documents(outcome)).isZero();
    }

    @Test
    void anApprovalForACitizenTheVaultHasErasedIssuesNothingAndIsNotDeadLettered() throws Exception {
        // Tried: the citizen's data sealed with their key, then the citizen erased in the vault (410 for their key)
        // before document-service hears of the erasure on citizen.erasure.v1; then their approval arrives.
        String citizen = newCitizen();
        ApplicationOutcomeDecided late = approved(citizen, sealedIncomeData(citizen));
        VaultStandIn.erase(citizen);
        double before = registry.counter("seva.document.approvals.after.erasure").count();
        send(late);
        await().atMost(Duration.ofSeconds(60)).until(() -> registry.counter("seva.document.approvals.after.erasure").count() > before);

        // Another citizen's approval after it is issued: by then the late one had its chance to be issued or dead-lettered too.
        String other = newCitizen();
        ApplicationOutcomeDecided marker = approved(other, sealedIncomeData(other));
        send(marker);
        issuedFor(marker);
        synchronized (SEEN) {
            assertThat(SEEN).as("no documents.issued.v1 event and no dead letter for the erased citizen")
                    .noneMatch(r -> r.value().contains(late.eventId().toString()) || r.value().contains(citizen));
        }
        assertThat(documents(late)).isZero();
    }

    @Test
    void whileTheVaultIsDownAnApprovalWaitsAndIsIssuedOnceItIsBack() throws Exception {
        // Tried: vault-service answering 503 while an approval arrives (then back). Dead-lettered, the approval would never
        // be issued; the consumer must hold it and keep asking for the key.
        String citizen = newCitizen();
        ApplicationOutcomeDecided outcome = approved(citizen, sealedIncomeData(citizen));
        VaultStandIn.unavailable = true;
        send(outcome);
        await().atMost(Duration.ofSeconds(60)).until(() -> VaultStandIn.keyRequests(citizen) >= 3);
        assertThat(documents(outcome)).as("nothing issued without the key").isZero();
        VaultStandIn.unavailable = false;

        JsonNode issued = issuedFor(outcome);
        assertThat(documents(outcome)).isEqualTo(1);
        synchronized (SEEN) {
            assertThat(SEEN).as("never dead-lettered").noneMatch(r -> r.topic().endsWith(".dlq") && r.value().contains(outcome.eventId().toString()));
        }
        download(issued.path("documentId").asText()).then().statusCode(200).contentType("application/pdf");
    }

    @Test
    void onceTheVaultHasErasedTheCitizenTheDownloadIsGone() throws Exception {
        // Tried: a document issued, then its citizen erased in the vault only (document-service's own erasure not yet
        // arrived): the stored PDF is sealed with a destroyed key, so it is gone, said as 410 like after the erasure.
        String citizen = newCitizen();
        ApplicationOutcomeDecided outcome = approved(citizen, sealedIncomeData(citizen));
        send(outcome);
        String documentId = issuedFor(outcome).path("documentId").asText();
        download(documentId).then().statusCode(200);
        VaultStandIn.erase(citizen);

        // The key stays in memory a few seconds (seva.document.vault.key-cache-ttl, 4 s in the tests).
        await().atMost(Duration.ofSeconds(20)).until(() -> download(documentId).statusCode() == 410);
        download(documentId).then().statusCode(410).contentType("application/problem+json")
                .body("type", equalTo("https://seva.dev/problems/document-erased"), "status", equalTo(410));
        given().accept("application/json").get("/verify/" + documentId).then().statusCode(200)
                .body("status", equalTo("valid"), "holder", equalTo("L****** V******"), "applicationRef", nullValue());
    }

    @Test
    void aPdfStoredInClearBeforeSealingIsStillServedEvenWithoutTheVault() throws Exception {
        // Tried: a row as written before sealing began (the clear PDF in the column), read while the vault is down;
        // and a sealed row at the same time, which cannot be opened then: 503 (try again), not 410 or 409.
        String citizen = newCitizen();
        ApplicationOutcomeDecided outcome = approved(citizen, sealedIncomeData(citizen));
        send(outcome);
        String legacy = issuedFor(outcome).path("documentId").asText();
        byte[] pdf = download(legacy).then().statusCode(200).extract().asByteArray();
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement("UPDATE document SET pdf = ? WHERE id = ?")) {
            s.setBytes(1, pdf);
            s.setString(2, legacy);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        String otherCitizen = newCitizen();
        ApplicationOutcomeDecided other = approved(otherCitizen, sealedIncomeData(otherCitizen));
        send(other);
        String sealed = issuedFor(other).path("documentId").asText();

        VaultStandIn.unavailable = true;
        assertThat(download(legacy).then().statusCode(200).contentType("application/pdf").extract().asByteArray()).isEqualTo(pdf);
        given().accept("application/json").get("/verify/" + legacy).then().statusCode(200).body("status", equalTo("valid"));
        await().atMost(Duration.ofSeconds(20)).until(() -> download(sealed).statusCode() == 503);
        download(sealed).then().statusCode(503).contentType("application/problem+json").header("Retry-After", "30")
                .body("type", equalTo("https://seva.dev/problems/vault-unavailable"));
        given().accept("application/json").get("/verify/" + sealed).then().statusCode(503).header("Retry-After", "30");
        given().accept("text/html").get("/verify/" + sealed).then().statusCode(503).header("X-Robots-Tag", "noindex, nofollow");
        VaultStandIn.unavailable = false;
        download(sealed).then().statusCode(200).contentType("application/pdf");

        // A clear row is still checked against its SHA-256: one changed byte and it is tampered, never served.
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(
                "UPDATE document SET pdf = set_byte(pdf, 2000, get_byte(pdf, 2000) # 1) WHERE id = ?")) {
            s.setString(1, legacy);
            s.executeUpdate();
        }
        download(legacy).then().statusCode(409);
        given().accept("application/json").get("/verify/" + legacy).then().statusCode(200).body("status", equalTo("tampered"));
    }

    // --- helpers ------------------------------------------------------------------------------

    static String newCitizen() {
        return "cit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    /** An income certificate's data as a department sends it: the citizen's values sealed with their key, office values clear. */
    static Map<String, Object> sealedIncomeData(String citizenRef) {
        CitizenKey key = VaultStandIn.citizenKey(citizenRef);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("applicantName", seal(key, TextNode.valueOf("Lakshmi Venkata")));
        data.put("annualIncome", seal(key, EventJson.mapper().getNodeFactory().numberNode(84000)));
        data.put("district", "Krishna");
        data.put("mandal", "Vijayawada Urban");
        return data;
    }

    static String seal(CitizenKey key, JsonNode value) {
        return SealedJson.seal(key, value).textValue();
    }

    static ApplicationOutcomeDecided approved(String citizenRef, Map<String, Object> data) {
        return SamplePdfs.approved(reference(), citizenRef, "income_certificate", data);
    }

    /** The example under a new event id and application reference (its citizen and sealed data unchanged). */
    static ApplicationOutcomeDecided again(ApplicationOutcomeDecided e) {
        return new ApplicationOutcomeDecided(UUID.randomUUID(), e.eventType(), Instant.now(), e.departmentId(), reference(), e.serviceId(),
                e.citizenRef(), e.outcome(), null, null, e.document(), e.officer());
    }

    static String reference() {
        return String.format("SEVA-REV-2027-%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    void send(ApplicationOutcomeDecided outcome) throws Exception {
        String json = EventJson.mapper().writeValueAsString(outcome);
        ContractAssertions.assertConforms(REVENUE, json);
        producer.send(new ProducerRecord<>(REVENUE, outcome.citizenRef(), json)).get();
    }

    static Response download(String documentId) {
        return given().header("Authorization", "Bearer " + DocumentFetchToken.issue(DocumentServiceTest.SECRET, documentId, Duration.ofMinutes(1),
                Clock.systemUTC())).get("/internal/documents/" + documentId + "/content");
    }

    static ConsumerRecord<String, String> seen(String topic, String text) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            synchronized (SEEN) {
                watch.poll(Duration.ofMillis(200)).forEach(SEEN::add);
                return SEEN.stream().anyMatch(r -> r.topic().equals(topic) && r.value().contains(text));
            }
        });
        synchronized (SEEN) {
            return SEEN.stream().filter(r -> r.topic().equals(topic) && r.value().contains(text)).findFirst().orElseThrow();
        }
    }

    static JsonNode issuedFor(ApplicationOutcomeDecided outcome) throws Exception {
        return EventJson.mapper().readTree(seen(Topics.DOCUMENTS_ISSUED, "\"" + outcome.applicationRef() + "\"").value());
    }

    static String deadLetterReason(ApplicationOutcomeDecided outcome) {
        ConsumerRecord<String, String> record = seen(Topics.deadLetter(REVENUE), outcome.eventId().toString());
        return new String(record.headers().lastHeader(Headers.DLQ_REASON).value(), StandardCharsets.UTF_8);
    }

    long documents(ApplicationOutcomeDecided outcome) throws Exception {
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM document WHERE application_ref = ? OR outcome_event_id = ?")) {
            s.setString(1, outcome.applicationRef());
            s.setObject(2, outcome.eventId());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    String storedPublicFields(String documentId) throws Exception {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement("SELECT public_fields FROM document WHERE id = ?")) {
            s.setString(1, documentId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    byte[] storedPdf(String documentId) throws Exception {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement("SELECT pdf FROM document WHERE id = ?")) {
            s.setString(1, documentId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }

    Connection connection() throws Exception {
        var pg = devstack.postgres();
        return DriverManager.getConnection(pg.jdbcUrl("document"), pg.user(), pg.password());
    }
}
