package dev.seva.desk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.ContractValidator;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Topics;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import dev.seva.desk.service.ServiceLevels;
import dev.seva.privacy.vault.SealedJson;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * The desk over the real broker and database, with real signed OIDC tokens (the OIDC test server):
 * each test submits its own application on a department's topic as conversation-service does, then
 * acts as the case says and checks what an officer sees, what the department's outcomes topic carries,
 * and what the audit log holds.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "desk"))
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(StandIns.class)
@QuarkusTestResource(VaultStandIn.class)
class DeskServiceTest {

    static final String SERVICE = "rtc-student-bus-pass";
    static TestKafka kafka;

    Devstack devstack;

    @Inject
    ServiceLevels serviceLevels;

    @BeforeEach
    void connect() {
        connectKafka(devstack);
    }

    /** The test's producer and reader (one for every test class of the start), with the bus pass service in the catalogue. */
    static TestKafka connectKafka(Devstack devstack) {
        if (kafka == null) {
            kafka = new TestKafka(devstack.kafkaBootstrapServers());
            kafka.send(Topics.CATALOGUE_SERVICES, SERVICE, busPassService());
        }
        return kafka;
    }

    @AfterAll
    static void close() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    @Test
    void anApplicationOnADeskServedTopicAppearsInItsDepartmentsQueueWithItsDueDate() {
        // Tried: a bus pass submitted on dept.apsrtc.applications.v1; the APSRTC officer lists open applications.
        String ref = submit("Ravi Kumar", Instant.now());
        String token = token("officer.apsrtc", "dept-apsrtc-officer");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token)
                .get("/api/applications?status=open").then().statusCode(200)
                .body("department", equalTo("apsrtc"))
                .body("applications.reference", org.hamcrest.Matchers.hasItem(ref)));
        // Filters (each served by a partial index): district in any case, service, and one that matches nothing.
        given().auth().oauth2(token).get("/api/applications?district=KRISHNA&service=" + SERVICE).then().statusCode(200)
                .body("applications.reference", org.hamcrest.Matchers.hasItem(ref)).body("totalIsLowerBound", equalTo(false));
        given().auth().oauth2(token).get("/api/applications?district=Guntur").then().statusCode(200)
                .body("applications.reference", not(org.hamcrest.Matchers.hasItem(ref)));
        given().auth().oauth2(token).get("/api/applications?status=unknown").then().statusCode(400);
        given().auth().oauth2(token).get("/api/applications/" + ref).then().statusCode(200)
                .body("application.status", equalTo("new"))
                .body("answers.find { it.fieldId == 'passPeriod' }.value", equalTo("Monthly"))
                .body("answers.find { it.fieldId == 'aadhaar' }.value", equalTo("XXXX XXXX 4321"))
                .body("certificatePrefill.applicantName", equalTo("Ravi Kumar"))
                .body("certificatePrefill.fromPlace", equalTo("Benz Circle"));
    }

    @Test
    void anOfficerOfAnotherDepartmentIsRefusedOnTheApiAndThePageAndTheRefusalIsAudited() throws SQLException {
        // Tried: a municipal officer asks for an APSRTC application (API and page), lists APSRTC's queue, and tries to approve it.
        String ref = queued("Sita Devi");
        String municipal = token("officer.municipal", "dept-municipal-officer");
        given().auth().oauth2(municipal).get("/api/applications/" + ref).then().statusCode(403)
                .contentType("application/problem+json").body("type", containsString("forbidden"));
        given().auth().oauth2(municipal).accept("text/html").get("/applications/" + ref).then().statusCode(403)
                .contentType(containsString("text/html")).body(containsString("department you do not work for"));
        given().auth().oauth2(municipal).get("/api/applications?department=apsrtc").then().statusCode(403);
        given().auth().oauth2(municipal).contentType("application/json").body("{\"action\":\"approve\"}")
                .post("/api/applications/" + ref + "/actions").then().statusCode(403);
        // A role in "groups" is not a realm role: it grants nothing.
        String groupsOnly = Jwt.preferredUserName("sneaky").groups(Set.of("dept-apsrtc-officer")).issuer("https://server.example.com")
                .audience("https://service.example.com").sign();
        given().auth().oauth2(groupsOnly).get("/api/applications/" + ref).then().statusCode(403);
        given().get("/api/applications").then().statusCode(401);
        // A browser without a session is sent to the identity provider's login page (code flow with PKCE), not shown a 401.
        given().accept("text/html").redirects().follow(false).get("/applications/" + ref).then().statusCode(302)
                .header("Location", containsString("response_type=code")).header("Location", containsString("code_challenge_method=S256"));
        assertThat(auditLines(ref)).contains("officer.municipal view denied", "officer.municipal approve denied", "sneaky view denied");
    }

    @Test
    void askingForAPhotoReachesTheOutcomesTopicAndTheCitizensAnswerReturnsTheApplicationWithItsAttachment() {
        // Tried: accept, ask for a photo (the prepared question, in the citizen's Telugu), the citizen's photo arrives as information provided.
        String ref = queued("Lakshmi");
        String token = token("officer.apsrtc", "dept-apsrtc-officer");
        act(token, ref, "{\"action\":\"accept\"}").then().statusCode(200).body("status", equalTo("accepted"));
        act(token, ref, "{\"action\":\"ask\",\"question\":\"photo\"}").then().statusCode(200).body("status", equalTo("awaiting_citizen"));
        JsonNode question = outcome(ref, "more_information_needed");
        assertThat(question.path("question").path("answerType").asText()).isEqualTo("media");
        assertThat(question.path("question").path("text").path("te").asText()).contains("ఫోటో");
        assertThat(question.path("officer").path("id").asText()).isEqualTo("officer.apsrtc");

        String questionId = question.path("question").path("id").asText();
        kafka.send(Topics.departmentApplications("apsrtc"), CITIZEN, """
                {"eventId":"%s","eventType":"application.information_provided","occurredAt":"%s","departmentId":"apsrtc",
                 "applicationRef":"%s","serviceId":"%s","citizenRef":"%s","language":"te",
                 "attachments":[{"fieldId":"%s","mediaId":"778899","mimeType":"image/jpeg","filename":"photo.jpg"}],
                 "information":{"questionId":"%s","answer":%s}}""".formatted(UUID.randomUUID(), Instant.now(), ref, SERVICE, CITIZEN,
                questionId, questionId, sealed(CITIZEN, "778899")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token).get("/api/applications/" + ref)
                .then().body("application.status", equalTo("accepted")).body("attachments.mediaId", org.hamcrest.Matchers.hasItem("778899")));
        byte[] photo = given().auth().oauth2(token).get("/applications/" + ref + "/attachments/778899").then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray();
        assertThat(photo).isEqualTo(StandIns.PHOTO);
        assertThat(StandIns.lastMediaAuthorization).isEqualTo("Bearer test-graph-token");
        given().auth().oauth2(token).get("/applications/" + ref + "/attachments/999999").then().statusCode(404);
    }

    @Test
    void approvingCarriesTheCertificateDataItsTemplateNeedsAndRefusesWhatIsMissing() {
        // Tried: approve with the holder's name blanked (refused, 400, nothing published), then with an override of the pass number.
        String ref = queued("Anil");
        String token = token("officer.apsrtc", "dept-apsrtc-officer");
        act(token, ref, "{\"action\":\"approve\",\"fields\":{\"applicantName\":\"  \"}}").then().statusCode(400)
                .body("errors[0].field", equalTo("fields.applicantName")).body("detail", containsString("Pass holder"));
        act(token, ref, "{\"action\":\"approve\",\"fields\":{\"passNumber\":\"APSRTC-77\"}}").then().statusCode(200)
                .body("status", equalTo("approved"));
        JsonNode approved = outcome(ref, "approved");
        assertThat(approved.path("document").path("type").asText()).isEqualTo("bus_pass");
        // The certificate's data travels sealed with the citizen's key (document-service opens it).
        JsonNode data = approved.path("document").path("data");
        assertThat(opened(CITIZEN, data.path("applicantName"))).isEqualTo("Anil");
        assertThat(opened(CITIZEN, data.path("passNumber"))).isEqualTo("APSRTC-77");
        assertThat(opened(CITIZEN, data.path("aadhaar"))).as("Aadhaar travels masked only").isEqualTo("XXXX XXXX 4321");
        assertThat(outcomes(ref)).hasSize(1);
    }

    @Test
    void twoOfficersApprovingAtOnceGetOneApprovalAndOneClearRefusal() throws Exception {
        // Tried: two officers post an approval of the same application at the same moment.
        String ref = queued("Kiran");
        String first = token("officer.apsrtc", "dept-apsrtc-officer");
        String second = token("supervisor.apsrtc", "dept-apsrtc-officer", "dept-apsrtc-supervisor");
        CompletableFuture<Response> a = CompletableFuture.supplyAsync(() -> act(first, ref, "{\"action\":\"approve\"}"));
        CompletableFuture<Response> b = CompletableFuture.supplyAsync(() -> act(second, ref, "{\"action\":\"approve\"}"));
        List<Integer> statuses = List.of(a.get().statusCode(), b.get().statusCode());
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        Response refused = a.get().statusCode() == 409 ? a.get() : b.get();
        assertThat(refused.jsonPath().getString("detail")).contains("already approved");
        await().atMost(Duration.ofSeconds(15)).until(() -> outcomes(ref).size() == 1);
        // A version seen before a change is refused too, even for an action the new state allows.
        String other = queued("Mohan");
        int seen = given().auth().oauth2(first).get("/api/applications/" + other).then().extract().path("application.version");
        act(first, other, "{\"action\":\"note\",\"note\":\"checked the photo\"}").then().statusCode(200);
        act(second, other, "{\"action\":\"accept\",\"version\":" + seen + "}").then().statusCode(409)
                .body("detail", containsString("changed since you opened it"));
    }

    @Test
    void actionsOnAWithdrawnOrErasedApplicationAreRefusedWithAClearMessage() {
        // Tried: the citizen withdraws one application and erases their data for another; the officer then tries to accept each.
        String withdrawn = queued("Padma");
        kafka.send(Topics.departmentApplications("apsrtc"), CITIZEN, """
                {"eventId":"%s","eventType":"application.withdrawn","occurredAt":"%s","departmentId":"apsrtc","applicationRef":"%s",
                 "serviceId":"%s","citizenRef":"%s","language":"te"}""".formatted(UUID.randomUUID(), Instant.now(), withdrawn, SERVICE, CITIZEN));
        String citizen = "cit_" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36) + "ERASEDxxxxxxxxxx";
        String erased = queued("Gopal", citizen);
        kafka.send(Topics.CITIZEN_ERASURE, citizen, """
                {"eventId":"%s","eventType":"citizen.erasure.requested","occurredAt":"%s","citizenRef":"%s","reason":"citizen_request"}"""
                .formatted(UUID.randomUUID(), Instant.now(), citizen));
        String token = token("officer.apsrtc", "dept-apsrtc-officer");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            given().auth().oauth2(token).get("/api/applications/" + withdrawn).then().body("application.status", equalTo("withdrawn"));
            given().auth().oauth2(token).get("/api/applications/" + erased).then().body("application.status", equalTo("erased"));
        });
        act(token, withdrawn, "{\"action\":\"accept\"}").then().statusCode(409).body("detail", containsString("withdrew"));
        act(token, erased, "{\"action\":\"approve\"}").then().statusCode(409).body("detail", containsString("erased"));
        given().auth().oauth2(token).get("/api/applications/" + erased).then().body("answers", org.hamcrest.Matchers.empty());
        assertThat(outcomes(erased)).isEmpty();
    }

    @Test
    void citizensTextIsShownInertAndFormsNeedTheirCsrfToken() {
        // Tried: a citizen's name that is an HTML script; a form post without the CSRF token; the same with the token of the page.
        String ref = queued("<script>alert('x')</script><b>bold</b>");
        String token = token("officer.apsrtc", "dept-apsrtc-officer");
        Response page = given().auth().oauth2(token).accept("text/html").get("/applications/" + ref);
        page.then().statusCode(200).body(containsString("&lt;script&gt;alert(")).body(not(containsString("<script>alert")))
                .header("Content-Security-Policy", containsString("script-src 'none'"));
        given().auth().oauth2(token).accept("text/html").contentType("application/x-www-form-urlencoded")
                .formParam("action", "accept").post("/applications/" + ref + "/actions").then().statusCode(org.hamcrest.Matchers.anyOf(
                        equalTo(400), equalTo(403)));
        String csrf = page.getCookie("csrf-token");
        String field = page.asString().replaceAll("(?s).*name=\"csrf-token\" value=\"([^\"]+)\".*", "$1");
        given().auth().oauth2(token).accept("text/html").redirects().follow(false).cookie("csrf-token", csrf)
                .contentType("application/x-www-form-urlencoded").formParam("csrf-token", field).formParam("action", "accept")
                .post("/applications/" + ref + "/actions").then().statusCode(303).header("Location", containsString("done=accept"));
        await().atMost(Duration.ofSeconds(15)).until(() -> outcomes(ref).size() == 1);
    }

    @Test
    void theAuditLogListsViewsAndActionsIsExportedByAuditorsOnlyAndCannotBeChanged() throws SQLException {
        // Tried: view and accept; the auditor exports CSV; an officer tries to export; UPDATE and DELETE on the table.
        String ref = queued("Ramesh");
        String token = token("officer.apsrtc", "dept-apsrtc-officer");
        given().auth().oauth2(token).get("/api/applications/" + ref).then().statusCode(200);
        act(token, ref, "{\"action\":\"accept\"}").then().statusCode(200);
        String csv = given().auth().oauth2(token("auditor", "auditor")).get("/api/audit?reference=" + ref).then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertThat(csv).startsWith("id,at,actor,department,action,reference,outcome,client_ip,user_agent,detail")
                .contains(",officer.apsrtc,apsrtc,view," + ref + ",done,").contains(",officer.apsrtc,apsrtc,accept," + ref + ",done,");
        given().auth().oauth2(token).get("/api/audit").then().statusCode(403);
        try (Connection c = DriverManager.getConnection(devstack.postgres().jdbcUrl("desk"), devstack.postgres().user(), devstack.postgres().password())) {
            assertThatThrownBy(() -> c.createStatement().executeUpdate("UPDATE desk_audit SET actor = 'nobody'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> c.createStatement().executeUpdate("DELETE FROM desk_audit")).hasMessageContaining("append-only");
        }
    }

    @Test
    void aForgedEventClaimingAnotherDepartmentOnThisTopicIsDeadLetteredNotQueued() {
        // Tried: an event on dept.apsrtc.applications.v1 whose body names municipal.
        String ref = reference();
        kafka.send(Topics.departmentApplications("apsrtc"), CITIZEN, submittedJson(ref, "Forged", Instant.now()).replace("\"departmentId\":\"apsrtc\"",
                "\"departmentId\":\"municipal\""));
        await().atMost(Duration.ofSeconds(20)).until(() -> kafka.all(Topics.deadLetter(Topics.departmentApplications("apsrtc"))).stream()
                .anyMatch(r -> r.value().contains(ref)));
        given().auth().oauth2(token("officer.apsrtc", "dept-apsrtc-officer")).get("/api/applications/" + ref).then().statusCode(404);
        given().auth().oauth2(token("officer.municipal", "dept-municipal-officer")).get("/api/applications/" + ref).then().statusCode(404);
    }

    @Test
    void anApplicationPastItsDueDateIsFlaggedAndTheCitizenToldTheNewDateOnce() throws Throwable {
        // Tried: an application submitted 40 days ago with a 15-day service level; two service-level rounds.
        String ref = submit("Old Case", Instant.now().minus(Duration.ofDays(40)));
        String token = token("officer.apsrtc", "dept-apsrtc-officer");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token).get("/api/applications/" + ref).then().statusCode(200));
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> serviceLevels.round());
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> serviceLevels.round());
        JsonNode delayed = outcome(ref, "delayed");
        assertThat(delayed.path("expectedBy").asText()).isGreaterThan(java.time.LocalDate.now().toString());
        given().auth().oauth2(token).get("/api/applications?overdue=true").then().body("applications.reference", org.hamcrest.Matchers.hasItem(ref));
        assertThat(outcomes(ref)).hasSize(1);
    }

    @Test
    void aHandoverThreadIsAnsweredAndClosedByAnOfficerThroughTheDesksTopic() {
        // Tried: conversation-service hands a citizen over to the APSRTC desk (the text sealed with the citizen's key, as it
        // sends it); the officer replies and closes.
        UUID thread = UUID.randomUUID();
        kafka.send(Topics.CONVERSATION_HANDOVERS, CITIZEN, """
                {"eventId":"%s","eventType":"handover.requested","occurredAt":"%s","threadId":"%s","citizenRef":"%s","departmentId":"apsrtc",
                 "language":"te","reason":"asked","text":%s}""".formatted(UUID.randomUUID(), Instant.now(), thread, CITIZEN,
                sealed(CITIZEN, "My pass has not come <b>yet</b>")));
        String token = token("officer.apsrtc", "dept-apsrtc-officer");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token).get("/api/threads").then()
                .body("threadId", org.hamcrest.Matchers.hasItem(thread.toString())));
        given().auth().oauth2(token).accept("text/html").get("/threads/" + thread).then().statusCode(200)
                .body(containsString("My pass has not come &lt;b&gt;yet&lt;/b&gt;"));
        given().auth().oauth2(token("officer.municipal", "dept-municipal-officer")).contentType("application/json").body("{}")
                .post("/api/threads/" + thread + "/closing").then()
                .log().ifValidationFails().statusCode(403);
        given().auth().oauth2(token).contentType("application/json").body("{\"text\":\"It was posted today.\"}")
                .post("/api/threads/" + thread + "/replies").then().statusCode(202);
        given().auth().oauth2(token).contentType("application/json").body("{}").post("/api/threads/" + thread + "/closing").then().statusCode(202);
        given().auth().oauth2(token).contentType("application/json").body("{}").post("/api/threads/" + thread + "/closing").then().statusCode(409);
        // A form post (what a cross-site page could send) without the CSRF token is refused.
        given().auth().oauth2(token).contentType("application/x-www-form-urlencoded").formParam("x", "1")
                .post("/api/threads/" + thread + "/closing").then().statusCode(400);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> events = kafka.all(Topics.DESK_HANDOVERS).stream().map(r -> json(r.value()))
                    .filter(e -> e.path("threadId").asText().equals(thread.toString())).toList();
            assertThat(events).extracting(e -> e.path("eventType").asText()).containsExactly("handover.officer_replied", "handover.closed");
            assertThat(opened(CITIZEN, events.get(0).path("text"))).isEqualTo("It was posted today.");
            events.forEach(e -> assertThat(ContractValidator.instance().validate(Topics.DESK_HANDOVERS, e)).isEmpty());
        });
    }

    // --- helpers ---------------------------------------------------------------------------------

    static final String CITIZEN = "cit_7QbX2mK9pL4sT8vW1yZ3";

    String queued(String name) {
        return queued(name, CITIZEN);
    }

    String queued(String name, String citizen) {
        String ref = reference();
        kafka.send(Topics.departmentApplications("apsrtc"), citizen, submittedJson(ref, name, Instant.now(), citizen));
        String token = token("officer.apsrtc", "dept-apsrtc-officer");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token).get("/api/applications/" + ref).then().statusCode(200));
        return ref;
    }

    String submit(String name, Instant at) {
        String ref = reference();
        kafka.send(Topics.departmentApplications("apsrtc"), CITIZEN, submittedJson(ref, name, at));
        return ref;
    }

    static String reference() {
        return "SEVA-APS-2026-" + (100000 + ThreadLocalRandom.current().nextInt(899999));
    }

    static String submittedJson(String ref, String name, Instant at) {
        return submittedJson(ref, name, at, CITIZEN);
    }

    /** A submission as conversation-service sends it: every answer sealed with the citizen's key (the vault stand-in's). */
    static String submittedJson(String ref, String name, Instant at, String citizen) {
        String fields = """
                {"studentName":%s,"aadhaar":{"token":"aad_Zm9vYmFyYmF6cXV4MTIzNDU2","masked":"XXXX XXXX 4321"},
                 "institution":"Govt College","fromPlace":"Benz Circle","toPlace":"Governorpet","district":"Krishna","passPeriod":"monthly"}"""
                .formatted(EventJson.mapper().valueToTree(name).toString());
        return """
                {"eventId":"%s","eventType":"application.submitted","occurredAt":"%s","departmentId":"apsrtc","applicationRef":"%s",
                 "serviceId":"%s","serviceVersion":1,"citizenRef":"%s","language":"te","slaDays":15,
                 "fields":%s,
                 "attachments":[{"fieldId":"passportPhoto","mediaId":"556677","mimeType":"image/jpeg","filename":"me.jpg"}]}"""
                .formatted(UUID.randomUUID(), at, ref, SERVICE, citizen, sealedFields(citizen, fields));
    }

    /** Every value of a fields object sealed with the citizen's key, as JSON text. */
    static String sealedFields(String citizen, String clearFields) {
        Map<String, JsonNode> clear = EventJson.mapper().convertValue(json(clearFields),
                new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, JsonNode>>() {
                });
        return EventJson.mapper().valueToTree(SealedJson.sealAll(VaultStandIn.citizenKey(citizen), clear)).toString();
    }

    /** One value sealed with the citizen's key, as a JSON string literal. */
    static String sealed(String citizen, Object value) {
        return EventJson.mapper().valueToTree(SealedJson.seal(VaultStandIn.citizenKey(citizen), EventJson.mapper().valueToTree(value)))
                .toString();
    }

    /** A value the desk sent sealed, opened with the citizen's key, as text (fails when it was sent clear). */
    static String opened(String citizen, JsonNode value) {
        assertThat(SealedJson.isSealed(value)).as("sealed: %s", value).isTrue();
        return SealedJson.open(VaultStandIn.citizenKey(citizen), value).asText();
    }

    static Response act(String token, String ref, String body) {
        return given().auth().oauth2(token).contentType("application/json").body(body).post("/api/applications/" + ref + "/actions");
    }

    static String token(String user, String... roles) {
        return Jwt.preferredUserName(user).claim("name", user).claim("realm_access", Map.of("roles", List.of(roles)))
                .issuer("https://server.example.com").audience("https://service.example.com").sign();
    }

    static List<JsonNode> outcomes(String ref) {
        return kafka.all(Topics.departmentOutcomes("apsrtc")).stream().map(ConsumerRecord::value).map(DeskServiceTest::json)
                .filter(o -> o.path("applicationRef").asText().equals(ref)).toList();
    }

    static JsonNode outcome(String ref, String kind) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> outcomes(ref).stream().filter(o -> o.path("outcome").asText().equals(kind))
                .findFirst().map(o -> {
                    assertThat(ContractValidator.instance().validate(Topics.departmentOutcomes("apsrtc"), o)).isEmpty();
                    return o;
                }).orElse(null), java.util.Objects::nonNull);
    }

    List<String> auditLines(String ref) throws SQLException {
        try (Connection c = DriverManager.getConnection(devstack.postgres().jdbcUrl("desk"), devstack.postgres().user(), devstack.postgres().password());
             var rs = c.createStatement().executeQuery("SELECT actor, action, outcome FROM desk_audit WHERE reference = '" + ref + "' ORDER BY id")) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
            return out;
        }
    }

    static JsonNode json(String value) {
        try {
            return EventJson.mapper().readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String busPassService() {
        return """
                {"eventId":"%s","eventType":"catalogue.service.published","occurredAt":"%s","service":{
                 "id":"%s","version":1,"departmentId":"apsrtc","departmentName":{"en":"APSRTC","te":"ఏపీఎస్ఆర్టీసీ"},
                 "names":{"en":"Student bus pass","te":"విద్యార్థి బస్ పాస్"},"shortNames":{"en":"Student bus pass"},
                 "descriptions":{"en":"A monthly student bus pass."},"keywords":["bus pass"],"deliveryMode":"application",
                 "fields":[{"id":"studentName","type":"name","required":true,"prompts":{"en":"Student's full name?","te":"విద్యార్థి పూర్తి పేరు?"}},
                           {"id":"aadhaar","type":"aadhaar","required":true,"prompts":{"en":"Aadhaar number?"}},
                           {"id":"fromPlace","type":"text","required":true,"prompts":{"en":"From?"}},
                           {"id":"toPlace","type":"text","required":true,"prompts":{"en":"To?"}},
                           {"id":"passPeriod","type":"choice","required":true,"prompts":{"en":"Pass for how long?"},
                            "options":[{"id":"monthly","labels":{"en":"Monthly","te":"నెలవారీ"}},{"id":"yearly","labels":{"en":"Yearly"}}]},
                           {"id":"passportPhoto","type":"media","required":true,"prompts":{"en":"A passport photo?"}}],
                 "feeRupees":0,"slaDays":15,"documentType":"bus_pass"}}""".formatted(UUID.randomUUID(), Instant.now(), SERVICE);
    }
}
