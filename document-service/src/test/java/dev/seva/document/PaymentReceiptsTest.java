package dev.seva.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * payments.events.v1 over the real broker and database: a {@code payment.paid} becomes one signed payment receipt,
 * announced on documents.issued.v1 as {@code payment_receipt} and verifiable at /verify like a certificate; the same
 * payment delivered again or replayed under another event id issues nothing more; other payment events are consumed
 * and issue nothing; a payment of a department the catalogue does not know is dead-lettered; the application's
 * certificate is still issued after its receipt.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "document"))
@QuarkusTestResource(VaultStandIn.class)
class PaymentReceiptsTest {

    static final String SECRET = "test-document-fetch-secret-current";
    static KafkaProducer<String, String> producer;
    static KafkaConsumer<String, String> consumer;
    static final List<ConsumerRecord<String, String>> READ = new ArrayList<>();

    Devstack devstack;

    @BeforeEach
    void connect() throws Exception {
        if (producer == null) {
            // The topics exist, as their KafkaTopics would in a cluster.
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers()))) {
                Set<String> existing = admin.listTopics().names().get();
                List<NewTopic> missing = List.of(Topics.PAYMENTS_EVENTS, Topics.PAYMENTS_EVENTS_DLQ, Topics.DOCUMENTS_ISSUED).stream()
                        .filter(t -> !existing.contains(t)).map(t -> new NewTopic(t, 1, (short) 1)).toList();
                admin.createTopics(missing).all().get();
            }
            producer = TestCatalogue.producer(devstack.kafkaBootstrapServers());
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers());
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "document-receipts-test-" + UUID.randomUUID());
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
            consumer.subscribe(List.of(Topics.DOCUMENTS_ISSUED, Topics.PAYMENTS_EVENTS_DLQ));
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

    @Test
    void paidPaymentBecomesOneSignedReceiptAnnouncedOnDocumentsIssued() throws Exception {
        ObjectNode paid = paid();
        send(paid);

        JsonNode event = receiptFor(paid);
        assertThat(event.path("documentType").asText()).isEqualTo("payment_receipt");
        assertThat(event.path("applicationRef").asText()).isEqualTo(paid.path("applicationRef").asText());
        assertThat(event.path("departmentId").asText()).isEqualTo("revenue");
        assertThat(event.path("citizenRef").asText()).isEqualTo(paid.path("citizenRef").asText());
        assertThat(event.path("fileName").asText()).isEqualTo("receipt-" + paid.path("receiptNumber").asText() + ".pdf");
        assertThat(event.has("validUntil")).as("a receipt has no validity").isFalse();
        String documentId = event.path("documentId").asText();
        assertThat(event.path("verificationUrl").asText()).isEqualTo("http://localhost:8084/verify/" + documentId);

        byte[] pdf = DocumentServiceTest.fetch(documentId, DocumentFetchToken.issue(SECRET, documentId, Duration.ofMinutes(2), Clock.systemUTC()))
                .asByteArray();
        assertThat(pdf.length).isEqualTo(event.path("sizeBytes").asInt());
        assertThat(CertificateFactory.sha256(pdf)).isEqualTo(event.path("sha256").asText());
        assertThat(SamplePdfs.signatureValid(pdf)).isTrue();
        assertThat(SamplePdfs.qrText(SamplePdfs.page(pdf, 110))).isEqualTo(event.path("verificationUrl").asText());
        assertThat(SamplePdfs.text(pdf)).contains(paid.path("receiptNumber").asText(), "₹45.00", "Income certificate", "UPI");
        // Stored sealed with the citizen's key, as certificates are.
        assertThat(query("SELECT position('%PDF'::bytea in pdf) FROM document WHERE id = '" + documentId + "'")).isEqualTo("0");
    }

    @Test
    void receiptVerifiesWithItsNumberAndAmountAndNoHolder() throws Exception {
        ObjectNode paid = paid();
        send(paid);
        String documentId = receiptFor(paid).path("documentId").asText();
        String receiptNumber = paid.path("receiptNumber").asText();

        given().accept("application/json").get("/verify/" + documentId).then().statusCode(200)
                .header("X-Robots-Tag", "noindex, nofollow")
                .body("status", equalTo("valid"), "authentic", equalTo(true), "documentType", equalTo("payment_receipt"),
                        "title.en", equalTo("Payment receipt"), "department.id", equalTo("revenue"), "issuedAt", not(nullValue()),
                        "receipt.number", equalTo(receiptNumber), "receipt.amount", equalTo("₹45.00"), "receipt.amountPaise", equalTo(4500),
                        "holder", nullValue(), "validUntil", nullValue(), "fields", nullValue());
        given().accept("text/html").get("/verify/" + documentId).then().statusCode(200)
                .body(containsString("Payment receipt"), containsString("Revenue Department"), containsString(receiptNumber),
                        containsString("₹45.00"), not(containsString("Valid until")), not(containsString("Issued to")));

        // The code printed on the receipt adds its particulars.
        byte[] pdf = DocumentServiceTest.fetch(documentId, DocumentFetchToken.issue(SECRET, documentId, Duration.ofMinutes(2), Clock.systemUTC()))
                .asByteArray();
        given().accept("application/json").queryParam("code", SamplePdfs.printedVerificationCode(pdf)).get("/verify/" + documentId).then()
                .statusCode(200)
                .body("verificationCode", equalTo("accepted"), "fields.label", hasItem("Service"), "fields.value", hasItem("Income certificate"),
                        "fields.value", hasItem("UPI"), "fields.value", hasItem("07-12-2026 14:46 IST"));
    }

    @Test
    void samePaymentTwiceOrReplayedUnderAnotherEventIdIssuesOneReceipt() throws Exception {
        ObjectNode paid = paid();
        send(paid);
        receiptFor(paid);
        send(paid);
        // payment-service replaying the same payment under a new event id: the receipt number is the same.
        send(paid.deepCopy().put("eventId", UUID.randomUUID().toString()));
        // A marker of the same citizen (same partition, so read after the three above): once it is issued, they were handled.
        ObjectNode marker = paid().put("citizenRef", paid.path("citizenRef").asText());
        send(marker);
        receiptFor(marker);

        String receiptNumber = paid.path("receiptNumber").asText();
        assertThat(query("SELECT count(*) FROM document WHERE receipt_number = '" + receiptNumber + "'")).isEqualTo("1");
        synchronized (READ) {
            assertThat(READ.stream().filter(r -> r.topic().equals(Topics.DOCUMENTS_ISSUED) && r.value().contains(receiptNumber)).count()).isEqualTo(1);
        }
    }

    @Test
    void failedPaymentIsConsumedAndIssuesNothing() throws Exception {
        ObjectNode paid = paid();
        ObjectNode failed = ((ObjectNode) ContractExamples.load("payments.events.v1", "failed").deepCopy())
                .put("eventId", UUID.randomUUID().toString()).put("applicationRef", paid.path("applicationRef").asText())
                .put("citizenRef", paid.path("citizenRef").asText());
        RecordMetadata failedAt = send(failed);
        // The citizen then pays (same partition, read after the failure): only that payment has a receipt.
        send(paid);
        receiptFor(paid);

        assertThat(query("SELECT count(*) FROM document WHERE application_ref = '" + paid.path("applicationRef").asText() + "'")).isEqualTo("1");
        assertThat(query("SELECT count(*) FROM document WHERE outcome_event_id = '" + failed.path("eventId").asText() + "'")).isEqualTo("0");
        // Consumed and committed, not dead-lettered.
        await().atMost(Duration.ofSeconds(30)).until(() -> committedOffset(new TopicPartition(Topics.PAYMENTS_EVENTS, failedAt.partition())) > failedAt.offset());
        assertThat(deadLetters(failed.path("eventId").asText())).isEmpty();
    }

    @Test
    void paymentOfADepartmentTheCatalogueDoesNotKnowIsDeadLettered() throws Exception {
        ObjectNode unknown = paid().put("departmentId", "fisheries").put("receiptNumber", receiptNumber("FSH"));
        unknown.remove("serviceId");
        ObjectNode unknownService = paid().put("serviceId", "rev-no-such-service");
        ObjectNode otherDepartmentsService = paid().put("serviceId", "mun-birth-certificate");
        send(unknown);
        send(unknownService);
        send(otherDepartmentsService);

        // Each after the catalogue wait (10 s in tests), as an approval of an unknown service is.
        assertThat(deadLetterReason(unknown)).contains("unknown-department").contains("fisheries");
        assertThat(deadLetterReason(unknownService)).contains("cross-service").contains("rev-no-such-service").contains("not in the catalogue");
        assertThat(deadLetterReason(otherDepartmentsService)).contains("cross-department").contains("belongs to municipal");
        assertThat(query("SELECT count(*) FROM document WHERE receipt_number IN ('" + unknown.path("receiptNumber").asText() + "', '"
                + unknownService.path("receiptNumber").asText() + "', '" + otherDepartmentsService.path("receiptNumber").asText() + "')"))
                .isEqualTo("0");
    }

    @Test
    void theApplicationsCertificateIsStillIssuedAfterItsReceipt() throws Exception {
        ObjectNode paid = paid();
        send(paid);
        receiptFor(paid);
        String reference = paid.path("applicationRef").asText();
        ApplicationOutcomeDecided approved = SamplePdfs.approved(reference, paid.path("citizenRef").asText(), "income_certificate",
                Map.of("applicantName", "Lakshmi Venkata", "annualIncome", 84000, "district", "Krishna", "mandal", "Vijayawada Urban"));
        String json = EventJson.mapper().writeValueAsString(approved);
        ContractAssertions.assertConforms(Topics.departmentOutcomes("revenue"), json);
        producer.send(new ProducerRecord<>(Topics.departmentOutcomes("revenue"), approved.citizenRef(), json)).get();

        issued(r -> reference.equals(r.path("applicationRef").asText()) && "income_certificate".equals(r.path("documentType").asText()));
        assertThat(query("SELECT string_agg(document_type, ',' ORDER BY document_type) FROM document WHERE application_ref = '" + reference + "'"))
                .isEqualTo("income_certificate,payment_receipt");
    }

    // --- helpers ------------------------------------------------------------------------------

    /** The contract's payment.paid for a new payment: its own event id, application, citizen and receipt number. */
    static ObjectNode paid() {
        String reference = String.format("SEVA-REV-2026-%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
        String citizen = "cit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        return ((ObjectNode) ContractExamples.load("payments.events.v1", "paid").deepCopy())
                .put("eventId", UUID.randomUUID().toString()).put("applicationRef", reference).put("citizenRef", citizen)
                .put("receiptNumber", receiptNumber("REV"));
    }

    static String receiptNumber(String code) {
        return "RCPT-" + code + "-20261207-" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    RecordMetadata send(ObjectNode event) throws Exception {
        ContractAssertions.assertConforms(Topics.PAYMENTS_EVENTS, event.toString());
        return producer.send(new ProducerRecord<>(Topics.PAYMENTS_EVENTS, event.path("citizenRef").asText(), event.toString())).get();
    }

    /** Waits for the payment's receipt on documents.issued.v1. */
    static JsonNode receiptFor(ObjectNode paid) {
        String fileName = "receipt-" + paid.path("receiptNumber").asText() + ".pdf";
        return issued(r -> fileName.equals(r.path("fileName").asText()));
    }

    /** Waits for a documents.issued.v1 record that matches; every one read is checked against the contract and its key. */
    static JsonNode issued(Predicate<JsonNode> matching) {
        await().atMost(Duration.ofSeconds(60)).until(() -> read().stream().filter(r -> r.topic().equals(Topics.DOCUMENTS_ISSUED))
                .map(r -> DocumentServiceTest.read(r.value())).anyMatch(matching));
        return read().stream().filter(r -> r.topic().equals(Topics.DOCUMENTS_ISSUED)).map(r -> DocumentServiceTest.read(r.value()))
                .filter(matching).findFirst().orElseThrow();
    }

    static String deadLetterReason(ObjectNode event) {
        String id = event.path("eventId").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> !deadLetters(id).isEmpty());
        return new String(deadLetters(id).get(0).headers().lastHeader(Headers.DLQ_REASON).value(), StandardCharsets.UTF_8);
    }

    static List<ConsumerRecord<String, String>> deadLetters(String eventId) {
        return read().stream().filter(r -> r.topic().equals(Topics.PAYMENTS_EVENTS_DLQ) && r.value().contains(eventId)).toList();
    }

    /** Everything read so far, after one more poll. */
    static List<ConsumerRecord<String, String>> read() {
        synchronized (READ) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.topic().equals(Topics.DOCUMENTS_ISSUED)) {
                    ContractAssertions.assertConforms(Topics.DOCUMENTS_ISSUED, r.value());
                    assertThat(r.key()).isEqualTo(DocumentServiceTest.read(r.value()).path("citizenRef").asText());
                }
                READ.add(r);
            }
            return List.copyOf(READ);
        }
    }

    long committedOffset(TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers()))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets("document-service").partitionsToOffsetAndMetadata().get().get(partition);
            return committed == null ? -1 : committed.offset();
        }
    }

    String query(String sql) throws Exception {
        var pg = devstack.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("document"), pg.user(), pg.password());
             PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
