package dev.seva.document;

import dev.seva.contracts.ContractAssertions;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Topics;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.contracts.internal.DocumentFetchToken;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * The public verification page shows whoever has the link only the minimal record (status, type,
 * department, dates, masked holder, SHA-256, the application reference); the key fields only with
 * the verification code printed on the certificate (read here from the signed PDF, as a bank reads the
 * paper). A wrong code is said to be wrong and opens nothing. Nothing of /verify is to be indexed.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "document"))
@QuarkusTestResource(VaultStandIn.class)
class VerificationPageTest {

    static final String SECRET = "test-document-fetch-secret-current";
    static KafkaProducer<String, String> producer;

    Devstack devstack;

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
    void withoutTheCodeOnlyTheMinimalRecordIsShown() throws Exception {
        Issued doc = issue();
        given().accept("application/json").get("/verify/" + doc.id()).then().statusCode(200)
                .header("X-Robots-Tag", "noindex, nofollow")
                .body("status", equalTo("valid"), "documentId", equalTo(doc.id()), "title.en", equalTo("Income Certificate"),
                        "department.id", equalTo("revenue"), "issuedAt", not(nullValue()), "holder", equalTo("L****** V******"),
                        "sha256", not(nullValue()),
                        "fields", nullValue(), "applicationRef", equalTo(doc.applicationRef()), "verificationCode", nullValue(),
                        "codeMessage", containsString("verification code printed"))
                .body(not(containsString("84,000")), not(containsString("Krishna")), not(containsString("Vijayawada")));
        given().accept("text/html").get("/verify/" + doc.id()).then().statusCode(200)
                .header("X-Robots-Tag", "noindex, nofollow")
                .body(containsString("<meta name=\"robots\" content=\"noindex, nofollow\">"), containsString("Authentic document"),
                        containsString("Income Certificate"), containsString("Revenue Department"), containsString("L****** V******"),
                        containsString("<form method=\"post\" action=\"/verify/" + doc.id() + "\">"),
                        not(containsString("84,000")), not(containsString("Krishna")), not(containsString("Vijayawada")),
                        not(containsString(doc.code())));
    }

    @Test
    void thePrintedCodeShowsTheKeyFieldsInTheAddressOrThePagesForm() throws Exception {
        Issued doc = issue();
        given().accept("application/json").queryParam("code", doc.code()).get("/verify/" + doc.id()).then().statusCode(200)
                .header("X-Robots-Tag", "noindex, nofollow")
                .body("status", equalTo("valid"), "verificationCode", equalTo("accepted"), "applicationRef", equalTo(doc.applicationRef()),
                        "fields.label", hasItem("Annual family income (Rs.)"), "fields.value", hasItem("84,000"),
                        "fields.value", hasItem("Krishna"), "holder", equalTo("L****** V******"))
                .body(not(containsString("Lakshmi")), not(containsString("XXXX XXXX")));
        // As people type it on the page: lower case, no dash; posted, so it stays out of the address.
        given().accept("text/html").contentType("application/x-www-form-urlencoded")
                .formParam("code", doc.code().toLowerCase().replace("-", " ")).post("/verify/" + doc.id()).then().statusCode(200)
                .header("X-Robots-Tag", "noindex, nofollow")
                .body(containsString("<meta name=\"robots\" content=\"noindex, nofollow\">"), containsString("Verification code correct"),
                        containsString("84,000"), containsString("Krishna"), containsString("Vijayawada Urban"), containsString(doc.applicationRef()),
                        not(containsString("Lakshmi")), not(containsString("<form")));
    }

    @Test
    void aWrongCodeIsSaidToBeWrongAndShowsNothingMore() throws Exception {
        Issued doc = issue();
        Issued other = issue();
        for (String wrong : new String[]{other.code(), "ABCD-EFGH", "not a code", doc.code() + "2"}) {
            given().accept("application/json").queryParam("code", wrong).get("/verify/" + doc.id()).then().statusCode(200)
                    .header("X-Robots-Tag", "noindex, nofollow")
                    .body("status", equalTo("valid"), "verificationCode", equalTo("wrong"), "codeMessage", containsString("Wrong verification code"),
                            "fields", nullValue(), "applicationRef", equalTo(doc.applicationRef()), "holder", equalTo("L****** V******"))
                    .body(not(containsString("84,000")), not(containsString("Krishna")));
        }
        given().accept("text/html").contentType("application/x-www-form-urlencoded").formParam("code", other.code())
                .post("/verify/" + doc.id()).then().statusCode(200)
                .header("X-Robots-Tag", "noindex, nofollow")
                .body(allOf(containsString("Wrong verification code"), containsString("ధృవీకరణ కోడ్ తప్పు"), containsString("<form"),
                        not(containsString("84,000")), not(containsString("Krishna"))));
    }

    @Test
    void unknownDocumentsAreNotIndexedEither() {
        given().accept("application/json").get("/verify/doc_doesNotExist00000000").then().statusCode(404)
                .header("X-Robots-Tag", "noindex, nofollow").body("status", equalTo("unknown"), "verificationCode", nullValue());
        given().accept("text/html").queryParam("code", "ABCD-EFGH").get("/verify/doc_doesNotExist00000000").then().statusCode(404)
                .header("X-Robots-Tag", "noindex, nofollow")
                .body(containsString("<meta name=\"robots\" content=\"noindex, nofollow\">"), not(containsString("<form")));
    }

    @Test
    void afterErasureTheRightCodeOpensNothingBecauseTheKeyFieldsAreGone() throws Exception {
        Issued doc = issue();
        DocumentServiceTest.sendErasure(producer, doc.citizenRef());
        await().atMost(Duration.ofSeconds(30)).until(() -> "0".equals(query("SELECT count(*) FROM document WHERE id = '" + doc.id()
                + "' AND erased_at IS NULL")));

        given().accept("application/json").queryParam("code", doc.code()).get("/verify/" + doc.id()).then().statusCode(200)
                .body("status", equalTo("valid"), "verificationCode", equalTo("accepted"), "codeMessage", containsString("erased"),
                        "fields", equalTo(java.util.List.of()), "applicationRef", nullValue(), "holder", equalTo("L****** V******"))
                .body(not(containsString("84,000")), not(containsString("Krishna")));
    }

    // --- helpers ------------------------------------------------------------------------------

    /** A document and the verification code printed on its PDF (only its hash is in the table). */
    record Issued(String id, String applicationRef, String citizenRef, String code) {
    }

    Issued issue() throws Exception {
        String reference = String.format("SEVA-REV-2026-%06d", ThreadLocalRandom.current().nextInt(700_000, 800_000));
        String citizen = "cit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        ApplicationOutcomeDecided outcome = SamplePdfs.approved(reference, citizen, "income_certificate", Map.of("applicantName", "Lakshmi Venkata",
                "annualIncome", 84000, "district", "Krishna", "mandal", "Vijayawada Urban", "aadhaarMasked", "XXXX XXXX 1234"));
        String json = EventJson.mapper().writeValueAsString(outcome);
        ContractAssertions.assertConforms(Topics.departmentOutcomes("revenue"), json);
        producer.send(new ProducerRecord<>(Topics.departmentOutcomes("revenue"), citizen, json)).get();
        String id = await().atMost(Duration.ofSeconds(60)).until(() -> query("SELECT id FROM document WHERE application_ref = '" + reference + "'"),
                v -> v != null);
        byte[] pdf = given().header("Authorization", "Bearer " + DocumentFetchToken.issue(SECRET, id, Duration.ofMinutes(1), Clock.systemUTC()))
                .get("/internal/documents/" + id + "/content").then().statusCode(200).extract().asByteArray();
        String code = SamplePdfs.printedVerificationCode(pdf);
        assertThat(query("SELECT verification_code_hash FROM document WHERE id = '" + id + "'"))
                .as("the table keeps a hash, not the code").isNotNull().doesNotContain(code).doesNotContain(code.replace("-", ""));
        return new Issued(id, reference, citizen, code);
    }

    String query(String sql) throws Exception {
        var pg = devstack.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("document"), pg.user(), pg.password());
             PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
