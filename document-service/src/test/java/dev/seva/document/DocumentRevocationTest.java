package dev.seva.document;

import dev.seva.contracts.ContractAssertions;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Topics;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.contracts.internal.DocumentFetchToken;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import dev.seva.document.domain.Values;
import dev.seva.document.service.CertificateFactory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * {@code POST /documents/{documentId}/revocation} with real signed OIDC tokens (the OIDC test server)
 * over the real broker and database: each test issues its own certificate through
 * {@code dept.revenue.outcomes.v1} (department "revenue"), then tries to revoke it as the case says.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "document"))
@QuarkusTestResource(VaultStandIn.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class DocumentRevocationTest {

    static final String REASON = "Issued on a forged income statement";
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
    void officerOfTheIssuingDepartmentRevokesAndTheVerificationPageSaysRevokedWithTheDate() throws Exception {
        // Tried: a revenue officer revokes a valid revenue certificate, then the public page is read as JSON and HTML.
        Issued doc = issueRevenueCertificate();

        ExtractableResponse<Response> revoked = revoke(doc.id(), token("officer.revenue", "dept-revenue-officer"), "  " + REASON + "  ")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("documentId", equalTo(doc.id()), "applicationRef", equalTo(doc.applicationRef()),
                        "status", equalTo("revoked"), "reason", equalTo(REASON))
                .extract();
        Instant revokedAt = Instant.parse(revoked.path("revokedAt"));
        assertThat(revokedAt).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));

        given().accept("application/json").get("/verify/" + doc.id()).then().statusCode(200)
                .body("status", equalTo("revoked"), "authentic", equalTo(false), "revocationReason", equalTo(REASON),
                        "revokedAt", equalTo(revoked.path("revokedAt")), "message", containsString("revoked"));
        String date = Values.DATE.format(LocalDate.ofInstant(revokedAt, CertificateFactory.ISSUE_ZONE));
        given().accept("text/html").get("/verify/" + doc.id()).then().statusCode(200)
                .body(containsString("Revoked / "), containsString("Revoked on / "), containsString(date), containsString(REASON),
                        not(containsString("officer.revenue")));
        assertThat(column(doc.id(), "revoked_by")).as("who revoked is recorded").isEqualTo("officer.revenue");
    }

    @Test
    void officerOfAnotherDepartmentOrWithoutAnOfficerRoleIsRefusedWith403() throws Exception {
        // Tried: a police officer, and a signed-in user with no officer role, revoke a revenue certificate.
        Issued doc = issueRevenueCertificate();

        revoke(doc.id(), token("officer.police", "dept-police-officer"), REASON).then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("https://seva.dev/problems/forbidden"), "status", equalTo(403));
        revoke(doc.id(), token("citizen", "user"), REASON).then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("https://seva.dev/problems/forbidden"));
        // A role that merely looks like another department's officer role does not help either.
        revoke(doc.id(), token("officer.revenue-ish", "dept-revenues-officer", "revenue-officer"), REASON).then().statusCode(403);

        given().accept("application/json").get("/verify/" + doc.id()).then().statusCode(200).body("status", equalTo("valid"));
        assertThat(column(doc.id(), "status")).isEqualTo("valid");
    }

    @Test
    void documentsAdminMayRevokeAnyDepartmentsDocument() throws Exception {
        // Tried: a documents-admin (no department role) revokes a revenue certificate.
        Issued doc = issueRevenueCertificate();
        revoke(doc.id(), token("admin", "documents-admin"), REASON).then().statusCode(200).body("status", equalTo("revoked"));
        assertThat(column(doc.id(), "revoked_by")).isEqualTo("admin");
    }

    @Test
    void withoutAValidTokenTheAnswerIs401AndARoleOutsideTheRealmRolesGrantsNothing() throws Exception {
        // Tried: no Authorization header; a bearer value that is not a JWT; a token signed by another key; an expired token.
        Issued doc = issueRevenueCertificate();

        given().contentType(ContentType.JSON).body(body(REASON)).when().post("/documents/" + doc.id() + "/revocation")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"));
        revoke(doc.id(), "not-a-jwt", REASON).then().statusCode(401).contentType("application/problem+json");
        String foreign = Jwt.preferredUserName("officer.revenue").groups(Set.of("dept-revenue-officer")).issuer("https://server.example.com")
                .audience("https://service.example.com").sign(java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate());
        revoke(doc.id(), foreign, REASON).then().statusCode(401);
        String expired = Jwt.preferredUserName("officer.revenue").groups(Set.of("dept-revenue-officer")).issuer("https://server.example.com")
                .audience("https://service.example.com").issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign();
        revoke(doc.id(), expired, REASON).then().statusCode(401);
        String otherAudience = Jwt.preferredUserName("officer.revenue").claim("realm_access", Map.of("roles", List.of("dept-revenue-officer")))
                .issuer("https://server.example.com").audience("desk-service").sign();
        revoke(doc.id(), otherAudience, REASON).then().statusCode(401);
        // A role in "groups" is not a realm role: a valid token that grants nothing.
        String groupsOnly = Jwt.preferredUserName("officer.revenue").groups(Set.of("dept-revenue-officer")).issuer("https://server.example.com")
                .audience("https://service.example.com").sign();
        revoke(doc.id(), groupsOnly, REASON).then().statusCode(403);

        assertThat(column(doc.id(), "status")).isEqualTo("valid");
    }

    @Test
    void unknownDocumentIs404() {
        // Tried: a well-formed id no document has, and a malformed one, as an officer and as an admin.
        revoke("doc_doesNotExist00000000", token("officer.revenue", "dept-revenue-officer"), REASON).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("https://seva.dev/problems/document-not-found"));
        revoke("not-a-document-id!", token("admin", "documents-admin"), REASON).then().statusCode(404);
    }

    @Test
    void invalidReasonIs400NamingTheField() throws Exception {
        // Tried: no reason, a blank one, one of 4 characters, one of 501, a reason with a control character,
        // no body at all, and a body that is not JSON.
        Issued doc = issueRevenueCertificate();
        String officer = token("officer.revenue", "dept-revenue-officer");

        for (String body : List.of("{}", "{\"reason\": null}", body("     "), body("four"), body("x".repeat(501)), body("bad\u0007reason"))) {
            given().auth().oauth2(officer).contentType(ContentType.JSON).body(body).when().post("/documents/" + doc.id() + "/revocation")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("https://seva.dev/problems/invalid-revocation"), "errors.field", hasItem("reason"));
        }
        given().auth().oauth2(officer).contentType(ContentType.JSON).when().post("/documents/" + doc.id() + "/revocation")
                .then().statusCode(400).body("errors.field", hasItem("reason"));
        given().auth().oauth2(officer).contentType(ContentType.JSON).body("{\"reason\": ").when().post("/documents/" + doc.id() + "/revocation")
                .then().statusCode(400).contentType("application/problem+json");

        assertThat(column(doc.id(), "status")).isEqualTo("valid");
        // The limits themselves are accepted: exactly 500 characters (Telugu counts per character, not per byte).
        revoke(doc.id(), officer, "రద్దు".repeat(100)).then().statusCode(200);
    }

    @Test
    void revokingTwiceIsIdempotentAndKeepsTheFirstRevocation() throws Exception {
        // Tried: the same officer revokes, then revokes again with another reason; then an admin revokes it too.
        Issued doc = issueRevenueCertificate();
        String officer = token("officer.revenue", "dept-revenue-officer");
        double before = revocationsCounted("revenue");

        String firstAt = revoke(doc.id(), officer, REASON).then().statusCode(200).extract().path("revokedAt");
        revoke(doc.id(), officer, "Second thoughts, other reason").then().statusCode(200)
                .body("status", equalTo("revoked"), "revokedAt", equalTo(firstAt), "reason", equalTo(REASON));
        revoke(doc.id(), token("admin", "documents-admin"), "An admin's later reason").then().statusCode(200)
                .body("revokedAt", equalTo(firstAt), "reason", equalTo(REASON));
        // Already revoked does not make another department's officer allowed.
        revoke(doc.id(), token("officer.police", "dept-police-officer"), REASON).then().statusCode(403);

        assertThat(column(doc.id(), "revoked_by")).isEqualTo("officer.revenue");
        assertThat(column(doc.id(), "revocation_reason")).isEqualTo(REASON);
        assertThat(revocationsCounted("revenue")).as("seva_document_revocations_total counts the revocation once, not the repeats")
                .isEqualTo(before + 1);
    }

    /** seva_document_revocations_total{department} as Prometheus scrapes it from /q/metrics (0 before the first). */
    static double revocationsCounted(String department) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("seva_document_revocations_total{") && l.contains("department=\"" + department + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void concurrentRevocationsEndInOneRevocationThatBothAnswer() throws Exception {
        // Tried: an officer and an admin revoke the same document at the same moment, a few times over.
        for (int round = 0; round < 3; round++) {
            Issued doc = issueRevenueCertificate();
            CompletableFuture<ExtractableResponse<Response>> officer = CompletableFuture.supplyAsync(
                    () -> revoke(doc.id(), token("officer.revenue", "dept-revenue-officer"), "Officer: " + REASON).then().extract());
            CompletableFuture<ExtractableResponse<Response>> admin = CompletableFuture.supplyAsync(
                    () -> revoke(doc.id(), token("admin", "documents-admin"), "Admin: " + REASON).then().extract());

            ExtractableResponse<Response> a = officer.get();
            ExtractableResponse<Response> b = admin.get();
            assertThat(List.of(a.statusCode(), b.statusCode())).containsOnly(200);
            assertThat(a.<String>path("revokedAt")).isEqualTo(b.path("revokedAt"));
            assertThat(a.<String>path("reason")).isEqualTo(b.path("reason"));
            String winner = column(doc.id(), "revoked_by");
            assertThat(a.<String>path("reason")).isEqualTo(winner.equals("admin") ? "Admin: " + REASON : "Officer: " + REASON);
        }
    }

    @Test
    void publicAndInternalEndpointsStayOutsideOidc() throws Exception {
        // Tried: /verify with no token, an officer's token and a garbage bearer value; the internal content
        // endpoint with its own fetch token (not an OIDC token); /q/health without a token.
        Issued doc = issueRevenueCertificate();
        given().accept("application/json").get("/verify/" + doc.id()).then().statusCode(200).body("status", equalTo("valid"));
        given().auth().oauth2(token("officer.revenue", "dept-revenue-officer")).accept("application/json").get("/verify/" + doc.id())
                .then().statusCode(200);
        given().header("Authorization", "Bearer garbage").accept("text/html").get("/verify/" + doc.id()).then().statusCode(200);
        String fetchToken = DocumentFetchToken.issue(DocumentServiceTest.SECRET, doc.id(), Duration.ofMinutes(1), Clock.systemUTC());
        given().header("Authorization", "Bearer " + fetchToken).get("/internal/documents/" + doc.id() + "/content")
                .then().statusCode(200).contentType("application/pdf");
        given().auth().oauth2(token("officer.revenue", "dept-revenue-officer")).get("/internal/documents/" + doc.id() + "/content")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://seva.dev/problems/document-fetch-unauthorized"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.securitySchemes.oidc.type", equalTo("openIdConnect"),
                        "paths.'/documents/{documentId}/revocation'.post.security[0]", hasKey("oidc"),
                        "paths.'/documents/{documentId}/revocation'.post.requestBody.content.'application/json'.schema.$ref",
                        containsString("RevocationRequest"),
                        "paths.'/verify/{documentId}'.get.security", nullValue(),
                        "paths.'/internal/documents/{documentId}/content'.get.security", nullValue());
    }

    // --- helpers ------------------------------------------------------------------------------

    record Issued(String id, String applicationRef) {
    }

    /** Sends an approved income-certificate outcome of department revenue and waits for its document row. */
    Issued issueRevenueCertificate() throws Exception {
        String reference = String.format("SEVA-REV-2027-%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
        String citizen = "cit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        ApplicationOutcomeDecided outcome = SamplePdfs.approved(reference, citizen, "income_certificate",
                Map.of("applicantName", "Lakshmi Venkata", "annualIncome", 84000, "district", "Krishna", "mandal", "Vijayawada Urban"));
        assertThat(outcome.departmentId()).isEqualTo("revenue");
        String json = EventJson.mapper().writeValueAsString(outcome);
        ContractAssertions.assertConforms(Topics.departmentOutcomes("revenue"), json);
        producer.send(new ProducerRecord<>(Topics.departmentOutcomes("revenue"), citizen, json)).get();
        String id = await().atMost(Duration.ofSeconds(60)).until(() -> query("SELECT id FROM document WHERE application_ref = ?", reference),
                r -> r != null);
        return new Issued(id, reference);
    }

    static io.restassured.response.Response revoke(String documentId, String token, String reason) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body(reason))
                .when().post("/documents/" + documentId + "/revocation");
    }

    static String body(String reason) {
        try {
            return EventJson.mapper().writeValueAsString(Map.of("reason", reason));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token as the realm would issue it (signed by the OIDC test server's key), realm roles in realm_access.roles. */
    static String token(String user, String... roles) {
        return Jwt.preferredUserName(user).claim("realm_access", Map.of("roles", List.of(roles))).issuer("https://server.example.com")
                .audience("https://service.example.com").sign();
    }

    String column(String documentId, String column) throws Exception {
        return query("SELECT " + column + " FROM document WHERE id = ?", documentId);
    }

    String query(String sql, String parameter) throws Exception {
        var pg = devstack.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("document"), pg.user(), pg.password());
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
