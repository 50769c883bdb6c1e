package dev.seva.document.service;

import dev.seva.contracts.EventJson;
import dev.seva.contracts.Topics;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import dev.seva.document.SamplePdfs;
import dev.seva.document.signing.SigningKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The signing token failing (a lost PKCS#11 session, the HSM restarting) is counted in
 * {@code seva_document_signature_failures_total} and waited out: the approval is retried, not
 * dead-lettered, and is issued once the token signs again.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "document"))
@QuarkusTestResource(dev.seva.document.VaultStandIn.class)
class SignatureFailuresTest {

    Devstack devstack;

    @Inject
    Issuance issuance;

    @Inject
    CertificateFactory working;

    @Inject
    MeterRegistry registry;

    @Test
    void aFailingTokenIsCountedAndTheApprovalWaitsForItInsteadOfBeingDeadLettered() throws Exception {
        // Tried: the token key offered without the token's provider, so every signature fails as with a lost
        // session; then the working signer is put back while the approval is still being retried.
        Issuance target = ClientProxy.unwrap(issuance);
        SigningKey token = SamplePdfs.tokenKey();
        CertificateFactory failing = CertificateFactory.create(new SigningKey(token.privateKey(), List.copyOf(token.chain()), true, null),
                "http://localhost:8084");
        double before = registry.counter("seva.document.signature.failures").count();
        String reference = "SEVA-REV-2026-" + String.format("%06d", 900000 + (int) (System.nanoTime() % 99999));
        ApplicationOutcomeDecided outcome = SamplePdfs.approved(reference, "cit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
                "income_certificate", Map.of("applicantName", "Lakshmi Venkata", "annualIncome", 84000, "district", "Krishna",
                        "mandal", "Vijayawada Urban"));
        try (KafkaProducer<String, String> producer = dev.seva.document.TestCatalogue.producer(devstack.kafkaBootstrapServers())) {
            target.factory = failing;
            try {
                producer.send(new ProducerRecord<>(Topics.departmentOutcomes("revenue"), outcome.citizenRef(),
                        EventJson.mapper().writeValueAsString(outcome))).get();
                await().atMost(Duration.ofSeconds(60)).until(() -> registry.counter("seva.document.signature.failures").count() >= before + 3);
                assertThat(documents(reference)).as("nothing stored while the token fails").isZero();
                String metrics = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
                assertThat(metrics).contains("seva_document_signature_failures_total");
            } finally {
                target.factory = working;
            }
            // Still being retried (a dead-lettered approval would never be issued): the token is back, the document comes.
            await().atMost(Duration.ofSeconds(60)).until(() -> documents(reference) == 1);
        }
    }

    long documents(String applicationRef) throws Exception {
        var pg = devstack.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("document"), pg.user(), pg.password());
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM document WHERE application_ref = ?")) {
            s.setString(1, applicationRef);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
