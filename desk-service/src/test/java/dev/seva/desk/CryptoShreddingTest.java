package dev.seva.desk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.ContractValidator;
import dev.seva.contracts.Headers;
import dev.seva.contracts.Topics;
import dev.seva.desk.client.CitizenKeys;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import dev.seva.privacy.vault.SealedJson;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static dev.seva.desk.DeskServiceTest.SERVICE;
import static dev.seva.desk.DeskServiceTest.act;
import static dev.seva.desk.DeskServiceTest.reference;
import static dev.seva.desk.DeskServiceTest.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Crypto-shredding in the desk (issue 15), over the real broker and database and a stand-in of
 * vault-service that plays its documented API ({@link VaultStandIn}): what citizens wrote is stored
 * sealed with their key and shown opened; after the vault erased a citizen nothing of theirs is shown,
 * stored or acted on; while the vault does not answer, pages say so (503) and consuming waits, and
 * nothing is lost. The same test resources as {@link DeskServiceTest}, so one start serves both.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "desk"))
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(StandIns.class)
@QuarkusTestResource(VaultStandIn.class)
class CryptoShreddingTest {

    static TestKafka kafka;

    Devstack devstack;

    @Inject
    CitizenKeys keys;

    String officer;

    @BeforeEach
    void connect() {
        officer = token("officer.apsrtc", "dept-apsrtc-officer");
        kafka = DeskServiceTest.connectKafka(devstack);
    }

    @AfterEach
    void vaultBack() {
        VaultStandIn.unavailable = false;
    }

    @AfterAll
    static void close() {
        DeskServiceTest.close();
        kafka = null;
    }

    @Test
    void whatTheCitizenWroteIsStoredSealedAndShownOpenedAndAQueuePageAsksTheVaultForNoKey() throws SQLException {
        // Tried: an application, a question the officer wrote, the citizen's answer with a photo, a note, and a handover
        // thread with a reply; then the columns read with SQL, and the application and thread as the officer sees them.
        String citizen = citizen();
        String ref = queued("Ravi Sealedname", citizen);
        act(officer, ref, "{\"action\":\"accept\"}").then().statusCode(200);
        act(officer, ref, "{\"action\":\"ask\",\"question\":\"Which college gave you the Sealedcollege form?\",\"answerType\":\"text\"}")
                .then().statusCode(200);
        List<String> question = column("SELECT pending_question FROM desk_application WHERE reference = '" + ref + "'");
        assertThat(question).hasSize(1).allSatisfy(CryptoShreddingTest::sealed);
        assertThat(question.get(0)).doesNotContain("Sealedcollege");
        String questionId = given().auth().oauth2(officer).get("/api/applications/" + ref).then().statusCode(200)
                .body("pendingQuestion.text.en", containsString("Sealedcollege")).extract().path("pendingQuestion.id");
        kafka.send(Topics.departmentApplications("apsrtc"), citizen, """
                {"eventId":"%s","eventType":"application.information_provided","occurredAt":"%s","departmentId":"apsrtc",
                 "applicationRef":"%s","serviceId":"%s","citizenRef":"%s","language":"te",
                 "attachments":[{"fieldId":"%s","mediaId":"445566","mimeType":"image/jpeg","filename":"Sealedfile.jpg"}],
                 "information":{"questionId":"%s","answer":%s}}""".formatted(UUID.randomUUID(), Instant.now(), ref,
                SERVICE, citizen, questionId, questionId, DeskServiceTest.sealed(citizen, "Sealedanswer Govt College")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(officer).get("/api/applications/" + ref)
                .then().body("application.status", equalTo("accepted")));
        act(officer, ref, "{\"action\":\"note\",\"note\":\"Phoned Sealednote about the form\"}").then().statusCode(200);

        // Stored: every column with the citizen's words is sealed; nothing of theirs is in clear.
        List<String> stored = column("SELECT fields FROM desk_application WHERE reference = '" + ref + "' UNION ALL "
                + "SELECT attachments FROM desk_application WHERE reference = '" + ref + "' UNION ALL "
                + "SELECT detail FROM desk_history WHERE reference = '" + ref + "' AND detail IS NOT NULL");
        assertThat(stored).hasSize(2 + 3); // fields, attachments; the question, the answer, the note
        assertThat(stored).allSatisfy(CryptoShreddingTest::sealed);
        assertThat(String.join(" ", stored)).doesNotContain("Sealedname", "Sealedcollege", "Sealedanswer", "Sealedfile", "Sealednote",
                "Benz Circle", "445566");
        // The queue filter stays clear (a place name shared by a district's people, not one person's data).
        assertThat(column("SELECT district FROM desk_application WHERE reference = '" + ref + "'")).containsExactly("Krishna");

        // Shown: the API and the page open it.
        given().auth().oauth2(officer).get("/api/applications/" + ref).then().statusCode(200)
                .body("answers.find { it.fieldId == 'studentName' }.value", equalTo("Ravi Sealedname"))
                .body("attachments.filename", hasItem("Sealedfile.jpg"))
                .body("history.find { it.kind == 'information_provided' }.detail.answer", equalTo("Sealedanswer Govt College"))
                .body("history.find { it.kind == 'note' }.detail.note", equalTo("Phoned Sealednote about the form"))
                .body("certificatePrefill.applicantName", equalTo("Ravi Sealedname"));
        given().auth().oauth2(officer).accept("text/html").get("/applications/" + ref).then().statusCode(200)
                .body(containsString("Ravi Sealedname")).body(containsString("Phoned Sealednote about the form"));
        given().auth().oauth2(officer).get("/applications/" + ref + "/attachments/445566").then().statusCode(200);

        // A handover thread: the citizen's message and the officer's reply are sealed too, and read in clear.
        UUID thread = UUID.randomUUID();
        kafka.send(Topics.CONVERSATION_HANDOVERS, citizen, """
                {"eventId":"%s","eventType":"handover.requested","occurredAt":"%s","threadId":"%s","citizenRef":"%s","departmentId":"apsrtc",
                 "language":"te","reason":"asked","text":%s}""".formatted(UUID.randomUUID(), Instant.now(), thread, citizen,
                DeskServiceTest.sealed(citizen, "I live at 12 Sealedaddress Road")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(officer).get("/api/threads").then()
                .body("threadId", hasItem(thread.toString())));
        given().auth().oauth2(officer).contentType("application/json").body("{\"text\":\"We will visit Sealedreply tomorrow\"}")
                .post("/api/threads/" + thread + "/replies").then().statusCode(202);
        List<String> messages = column("SELECT text FROM desk_thread_message WHERE thread_id = '" + thread + "'");
        assertThat(messages).hasSize(2).allSatisfy(CryptoShreddingTest::sealed);
        assertThat(String.join(" ", messages)).doesNotContain("Sealedaddress", "Sealedreply");
        given().auth().oauth2(officer).accept("text/html").get("/threads/" + thread).then().statusCode(200)
                .body(containsString("I live at 12 Sealedaddress Road")).body(containsString("We will visit Sealedreply tomorrow"));

        // Keys are kept for a while: views one after another ask the vault at most once more (once if the key just expired),
        // and a queue page (no personal data on it) asks for none at all.
        int before = VaultStandIn.keyRequests(citizen);
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(officer).get("/api/applications/" + ref).then().statusCode(200);
        }
        assertThat(VaultStandIn.keyRequests(citizen) - before).isLessThanOrEqualTo(1);
        int all = VaultStandIn.allKeyRequests();
        given().auth().oauth2(officer).get("/api/applications?status=all").then().statusCode(200);
        given().auth().oauth2(officer).accept("text/html").get("/queue?department=apsrtc&status=all").then().statusCode(200);
        assertThat(VaultStandIn.allKeyRequests()).isEqualTo(all);
    }

    @Test
    void answersArrivingSealedAreShownOpenedAndTheApprovalCarriesThemOnlySealedWithTheCitizensKey() throws SQLException {
        // Tried: an application whose every answer arrives sealed with the citizen's key, as conversation-service sends it
        // (decision 009); the officer reads it (API and page) and approves with a pass number of their own; then the raw
        // approval on the outcomes topic is searched for the clear values, and its data opened with the citizen's key.
        String citizen = citizen();
        String ref = queued("Sunita Sealedholder", citizen);
        assertThat(kafka.all(Topics.departmentApplications("apsrtc"))).filteredOn(r -> r.value().contains(ref)).hasSize(1)
                .allSatisfy(r -> assertThat(r.value()).doesNotContain("Sealedholder", "Benz Circle"));

        // Opened before anything looked at them: the answers, the queue's district filter, the certificate prefill.
        given().auth().oauth2(officer).get("/api/applications/" + ref).then().statusCode(200)
                .body("answers.find { it.fieldId == 'studentName' }.value", equalTo("Sunita Sealedholder"))
                .body("answers.find { it.fieldId == 'fromPlace' }.value", equalTo("Benz Circle"))
                .body("answers.find { it.fieldId == 'aadhaar' }.value", equalTo("XXXX XXXX 4321"))
                .body("certificatePrefill.applicantName", equalTo("Sunita Sealedholder"));
        given().auth().oauth2(officer).accept("text/html").get("/applications/" + ref).then().statusCode(200)
                .body(containsString("Sunita Sealedholder")).body(not(containsString("sealed:v1:")));
        assertThat(column("SELECT district FROM desk_application WHERE reference = '" + ref + "'")).containsExactly("Krishna");
        // Stored as the desk stores answers: the whole sealed with the citizen's key (and not the topic's sealed values as they came).
        List<String> fields = column("SELECT fields FROM desk_application WHERE reference = '" + ref + "'");
        assertThat(fields).hasSize(1).allSatisfy(CryptoShreddingTest::sealed);
        assertThat(DeskServiceTest.json(VaultStandIn.citizenKey(citizen).open(fields.get(0))).path("studentName").asText())
                .isEqualTo("Sunita Sealedholder");

        act(officer, ref, "{\"action\":\"approve\",\"fields\":{\"passNumber\":\"APSRTC-Sealed91\"}}").then().statusCode(200);
        String raw = await().atMost(Duration.ofSeconds(20)).until(() -> kafka.all(Topics.departmentOutcomes("apsrtc")).stream()
                .map(r -> r.value()).filter(v -> v.contains(ref) && v.contains("\"approved\"")).findFirst().orElse(null), java.util.Objects::nonNull);
        assertThat(raw).doesNotContain("Sealedholder", "Benz Circle", "Governorpet", "Govt College", "XXXX XXXX 4321", "aad_Zm9v",
                "APSRTC-Sealed91");
        JsonNode data = DeskServiceTest.json(raw).path("document").path("data");
        assertThat(ContractValidator.instance().validate(Topics.departmentOutcomes("apsrtc"), DeskServiceTest.json(raw))).isEmpty();
        data.properties().forEach(e -> assertThat(SealedJson.isSealed(e.getValue())).as(e.getKey()).isTrue());
        assertThat(DeskServiceTest.opened(citizen, data.path("applicantName"))).isEqualTo("Sunita Sealedholder");
        assertThat(DeskServiceTest.opened(citizen, data.path("fromPlace"))).isEqualTo("Benz Circle");
        assertThat(DeskServiceTest.opened(citizen, data.path("passNumber"))).isEqualTo("APSRTC-Sealed91");
        assertThat(DeskServiceTest.opened(citizen, data.path("aadhaar"))).isEqualTo("XXXX XXXX 4321");
        // Another citizen's key opens none of it (the citizen reference is the seal's associated data).
        assertThatThrownBy(() -> SealedJson.open(VaultStandIn.citizenKey(citizen()), data.path("applicantName"))).isInstanceOf(RuntimeException.class);
    }

    @Test
    void answersSealedForAnotherCitizenAreDeadLetteredAndTheConsumerGoesOn() throws SQLException {
        // Tried: a submission whose answers were sealed with another citizen's key (moved into this citizen's record), then an
        // answer to a question sealed for that other citizen too, then a proper submission of the same citizen (same key, so
        // same partition, after both): the first two go to the dead letters with the reason, nothing of them is stored,
        // and the third is queued.
        String citizen = citizen();
        String other = citizen();
        String ref = queued("Own Name", citizen);
        String moved = reference();
        kafka.send(Topics.departmentApplications("apsrtc"), citizen, DeskServiceTest.submittedJson(moved, "Moved Sealedother", Instant.now(), other)
                .replace(other, citizen));
        kafka.send(Topics.departmentApplications("apsrtc"), citizen, """
                {"eventId":"%s","eventType":"application.information_provided","occurredAt":"%s","departmentId":"apsrtc",
                 "applicationRef":"%s","serviceId":"%s","citizenRef":"%s","language":"te",
                 "information":{"questionId":"q1","answer":%s}}""".formatted(UUID.randomUUID(), Instant.now(), ref, SERVICE, citizen,
                DeskServiceTest.sealed(other, "Moved Sealedanswer")));
        String next = queued("Next Name", citizen);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(kafka.all(Topics.deadLetter(Topics.departmentApplications("apsrtc"))))
                .filteredOn(r -> r.value().contains(moved) || r.value().contains(ref) && r.value().contains("q1"))
                .hasSize(2).allSatisfy(r -> assertThat(new String(r.headers().lastHeader(Headers.DLQ_REASON).value(), StandardCharsets.UTF_8))
                        .contains("does not open with its citizen's key").doesNotContain("Sealedother", "Sealedanswer")));
        given().auth().oauth2(officer).get("/api/applications/" + moved).then().statusCode(404);
        assertThat(column("SELECT kind FROM desk_history WHERE reference = '" + ref + "'")).doesNotContain("information_provided");
        given().auth().oauth2(officer).get("/api/applications/" + next).then().statusCode(200)
                .body("answers.find { it.fieldId == 'studentName' }.value", equalTo("Next Name"));
    }

    @Test
    void handoverTextsArrivingSealedAreShownOpenedAndTheReplyTravelsOnlySealedWithTheCitizensKey() throws SQLException {
        // Tried: a handover opened with the citizen's text sealed with their key, then a PDF message whose text and file name
        // are sealed too, as conversation-service sends them (decision 009); the officer reads the thread and replies; then
        // the stored file name is opened, and the raw reply record on desk.handovers.v1 is searched for the reply in clear
        // and opened with the citizen's key (and with another citizen's).
        String citizen = citizen();
        UUID thread = UUID.randomUUID();
        kafka.send(Topics.CONVERSATION_HANDOVERS, citizen, handover(thread, citizen, "Please help, Sealedhandover here"));
        kafka.send(Topics.CONVERSATION_HANDOVERS, citizen, citizenMessage(thread, citizen, "my Sealedcard attached", "Sealedcard ration.pdf"));
        assertThat(kafka.all(Topics.CONVERSATION_HANDOVERS)).filteredOn(r -> r.value().contains(thread.toString())).hasSize(2)
                .allSatisfy(r -> assertThat(r.value()).doesNotContain("Sealedhandover", "Sealedcard"));
        await().atMost(Duration.ofSeconds(20)).until(() -> column("SELECT text FROM desk_thread_message WHERE thread_id = '" + thread + "'").size() == 2);

        // Shown opened (not the topic's seal, nor a seal within the desk's own).
        given().auth().oauth2(officer).accept("text/html").get("/threads/" + thread).then().statusCode(200)
                .body(containsString("Please help, Sealedhandover here")).body(containsString("my Sealedcard attached"))
                .body(not(containsString("sealed:v1:")));
        // Stored as every message: sealed as a whole with the citizen's key, the file name inside opened.
        List<String> media = column("SELECT media FROM desk_thread_message WHERE thread_id = '" + thread + "' AND media IS NOT NULL");
        assertThat(media).hasSize(1).allSatisfy(CryptoShreddingTest::sealed);
        JsonNode file = DeskServiceTest.json(VaultStandIn.citizenKey(citizen).open(media.get(0)));
        assertThat(file.path("filename").asText()).isEqualTo("Sealedcard ration.pdf");
        assertThat(file.path("mediaId").asText()).isEqualTo("778899");

        given().auth().oauth2(officer).contentType("application/json").body("{\"text\":\"Sealedreply: bring the card on Monday\"}")
                .post("/api/threads/" + thread + "/replies").then().statusCode(202);
        String raw = await().atMost(Duration.ofSeconds(20)).until(() -> kafka.all(Topics.DESK_HANDOVERS).stream().map(r -> r.value())
                .filter(v -> v.contains(thread.toString()) && v.contains("handover.officer_replied")).findFirst().orElse(null), java.util.Objects::nonNull);
        assertThat(raw).doesNotContain("Sealedreply", "Monday");
        JsonNode reply = DeskServiceTest.json(raw);
        assertThat(ContractValidator.instance().validate(Topics.DESK_HANDOVERS, reply)).isEmpty();
        assertThat(DeskServiceTest.opened(citizen, reply.path("text"))).isEqualTo("Sealedreply: bring the card on Monday");
        assertThatThrownBy(() -> SealedJson.open(VaultStandIn.citizenKey(citizen()), reply.path("text"))).isInstanceOf(RuntimeException.class);
        given().auth().oauth2(officer).accept("text/html").get("/threads/" + thread).then().statusCode(200)
                .body(containsString("Sealedreply: bring the card on Monday"));
    }

    @Test
    void handoverTextsSealedForAnotherCitizenAreDeadLetteredAndTheConsumerGoesOn() throws SQLException {
        // Tried: a handover whose text was sealed with another citizen's key (moved into this citizen's record), then a message
        // in the citizen's open thread whose text is theirs but whose file name was sealed for that other citizen, then a proper handover of the same
        // citizen (same key, so same partition, after both): the first two go to the dead letters with the reason, nothing
        // of them is stored, and the third is taken.
        String citizen = citizen();
        String other = citizen();
        UUID open = UUID.randomUUID();
        kafka.send(Topics.CONVERSATION_HANDOVERS, citizen, handover(open, citizen, "My own text"));
        UUID moved = UUID.randomUUID();
        kafka.send(Topics.CONVERSATION_HANDOVERS, citizen, handover(moved, other, "Moved Sealedother").replace(other, citizen));
        kafka.send(Topics.CONVERSATION_HANDOVERS, citizen, citizenMessage(open, citizen, "my own caption", other, "Sealedother.pdf"));
        UUID next = UUID.randomUUID();
        kafka.send(Topics.CONVERSATION_HANDOVERS, citizen, handover(next, citizen, "Next text"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !column("SELECT status FROM desk_thread WHERE thread_id = '" + next + "'").isEmpty());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(kafka.all(Topics.deadLetter(Topics.CONVERSATION_HANDOVERS)))
                .filteredOn(r -> r.value().contains(moved.toString()) || r.value().contains(open.toString()) && r.value().contains("citizen_message"))
                .hasSize(2).allSatisfy(r -> assertThat(new String(r.headers().lastHeader(Headers.DLQ_REASON).value(), StandardCharsets.UTF_8))
                        .contains("does not open with its citizen's key").doesNotContain("Sealedother")));
        assertThat(column("SELECT status FROM desk_thread WHERE thread_id = '" + moved + "'")).isEmpty();
        assertThat(column("SELECT text FROM desk_thread_message WHERE thread_id = '" + open + "'")).hasSize(1);
        given().auth().oauth2(officer).accept("text/html").get("/threads/" + next).then().statusCode(200).body(containsString("Next text"));
    }

    @Test
    void valuesWrittenBeforeSealingBeganStillOpen() throws SQLException {
        // Tried: an application and a history entry as the desk wrote them before this change (clear JSON), then viewed.
        String citizen = citizen();
        String ref = reference();
        sql("INSERT INTO desk_application (reference, department_id, service_id, citizen_ref, language, status, is_open, fields, attachments,"
                + " district, submitted_at, sla_days, due_date, updated_at) VALUES ('" + ref + "', 'apsrtc', '" + SERVICE + "', '" + citizen
                + "', 'te', 'new', true, '{\"studentName\":\"Old Clearname\",\"fromPlace\":\"Benz Circle\"}',"
                + " '[{\"fieldId\":\"passportPhoto\",\"mediaId\":\"112233\",\"mimeType\":\"image/jpeg\"}]', 'Krishna', now(), 15, current_date + 15, now())");
        sql("INSERT INTO desk_history (reference, at, actor, kind, detail) VALUES ('" + ref + "', now(), 'officer.apsrtc', 'note',"
                + " '{\"note\":\"an old clear note\"}')");
        given().auth().oauth2(officer).get("/api/applications/" + ref).then().statusCode(200)
                .body("answers.find { it.fieldId == 'studentName' }.value", equalTo("Old Clearname"))
                .body("attachments.mediaId", hasItem("112233"))
                .body("history.find { it.kind == 'note' }.detail.note", equalTo("an old clear note"));
        // What the officer writes now is sealed, beside the old clear values.
        act(officer, ref, "{\"action\":\"note\",\"note\":\"a new note\"}").then().statusCode(200);
        assertThat(column("SELECT detail FROM desk_history WHERE reference = '" + ref + "' ORDER BY id"))
                .satisfiesExactly(old -> assertThat(old).contains("an old clear note"), CryptoShreddingTest::sealed);
    }

    @Test
    void afterTheVaultErasedTheCitizenNothingOfTheirsIsShownStoredOrActedOn() throws Exception {
        // Tried: the vault erases the citizen (as on their request) before the desk's own erasure event comes; then the officer
        // views and acts (API and page form), and the citizen's answer, a new application and a new handover arrive.
        String citizen = citizen();
        String ref = queued("Gone Erasedname", citizen);
        act(officer, ref, "{\"action\":\"accept\"}").then().statusCode(200);
        act(officer, ref, "{\"action\":\"ask\",\"question\":\"photo\"}").then().statusCode(200);
        VaultStandIn.erase(citizen);
        // The desk's memory of the key lasts its short time (4 s in the tests), then the vault's 410 is what counts.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(officer).get("/api/applications/" + ref).then()
                .statusCode(200).body("application.status", equalTo("erased")));
        given().auth().oauth2(officer).get("/api/applications/" + ref).then()
                .body("answers", org.hamcrest.Matchers.empty()).body("attachments", org.hamcrest.Matchers.empty())
                .body("pendingQuestion", org.hamcrest.Matchers.nullValue())
                .body("history.detail", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()))
                .body("certificatePrefill", equalTo(java.util.Map.of()));
        given().auth().oauth2(officer).get("/applications/" + ref + "/attachments/556677").then().statusCode(404);
        act(officer, ref, "{\"action\":\"approve\"}").then().statusCode(409).contentType("application/problem+json")
                .body("type", containsString("application-erased")).body("detail", containsString("erased"));
        act(officer, ref, "{\"action\":\"note\",\"note\":\"still here?\"}").then().statusCode(409);
        Response page = given().auth().oauth2(officer).accept("text/html").get("/applications/" + ref);
        page.then().statusCode(200).body(containsString("data was erased")).body(not(containsString("Erasedname")))
                .body(not(containsString("id=\"approve\"")));
        // The page's form (with its CSRF token) is refused with an alert on the page.
        String csrf = page.getCookie("csrf-token");
        String field = page.asString().replaceAll("(?s).*name=\"csrf-token\" value=\"([^\"]+)\".*", "$1");
        given().auth().oauth2(officer).accept("text/html").cookie("csrf-token", csrf).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", field).formParam("action", "note").formParam("note", "a note")
                .post("/applications/" + ref + "/actions").then().statusCode(409)
                .body(containsString("role=\"alert\"")).body(containsString("erased"));
        assertThat(kafka.all(Topics.departmentOutcomes("apsrtc"))).noneMatch(r -> r.value().contains(ref) && r.value().contains("\"approved\""));

        // Nothing new is stored for the citizen: their answer, a new application, a new handover. Markers after each
        // (same key, so same partition and order) show they were consumed.
        String another = reference();
        kafka.send(Topics.departmentApplications("apsrtc"), citizen, """
                {"eventId":"%s","eventType":"application.information_provided","occurredAt":"%s","departmentId":"apsrtc",
                 "applicationRef":"%s","serviceId":"%s","citizenRef":"%s","language":"te",
                 "information":{"questionId":"q1","answer":%s}}""".formatted(UUID.randomUUID(), Instant.now(), ref, SERVICE, citizen,
                DeskServiceTest.sealed(citizen, "Erasedanswer")));
        kafka.send(Topics.departmentApplications("apsrtc"), citizen, DeskServiceTest.submittedJson(another, "Erasedname Again", Instant.now(),
                citizen));
        kafka.send(Topics.departmentApplications("apsrtc"), citizen, """
                {"eventId":"%s","eventType":"application.withdrawn","occurredAt":"%s","departmentId":"apsrtc","applicationRef":"%s",
                 "serviceId":"%s","citizenRef":"%s","language":"te"}""".formatted(UUID.randomUUID(), Instant.now(), ref, SERVICE, citizen));
        await().atMost(Duration.ofSeconds(20)).until(() -> column("SELECT status FROM desk_application WHERE reference = '" + ref + "'")
                .equals(List.of("withdrawn")));
        assertThat(column("SELECT kind FROM desk_history WHERE reference = '" + ref + "'")).doesNotContain("information_provided");
        assertThat(column("SELECT reference FROM desk_application WHERE reference = '" + another + "'")).isEmpty();
        UUID erasedThread = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        kafka.send(Topics.CONVERSATION_HANDOVERS, citizen, handover(erasedThread, citizen, "Erasedhandover text"));
        kafka.send(Topics.CONVERSATION_HANDOVERS, citizen, handover(marker, citizen(), "a marker"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !column("SELECT status FROM desk_thread WHERE thread_id = '" + marker + "'").isEmpty());
        assertThat(column("SELECT status FROM desk_thread WHERE thread_id = '" + erasedThread + "'")).isEmpty();
    }

    @Test
    void whileTheVaultDoesNotAnswerPagesSaySoAndConsumingWaitsWithNothingLost() throws SQLException {
        // Tried: the vault answers 503; an officer opens an application whose key the desk does not hold (page in Telugu, API),
        // acts on it, and a new application arrives; then the vault answers again.
        String citizen = citizen();
        String ref = queued("Patient Waitname", citizen);
        keys.evict(citizen);
        VaultStandIn.unavailable = true;
        given().auth().oauth2(officer).accept("text/html").header("Accept-Language", "te").get("/applications/" + ref).then().statusCode(503)
                .contentType(containsString("text/html")).header("Retry-After", "30").body(containsString("వాల్ట్"));
        given().auth().oauth2(officer).get("/api/applications/" + ref).then().statusCode(503).contentType("application/problem+json")
                .body("type", containsString("vault-unavailable"));
        act(officer, ref, "{\"action\":\"accept\"}").then().statusCode(503);
        assertThat(column("SELECT status FROM desk_application WHERE reference = '" + ref + "'")).containsExactly("new");

        String waiting = reference();
        String other = citizen();
        kafka.send(Topics.departmentApplications("apsrtc"), other, DeskServiceTest.submittedJson(waiting, "Waiting Name", Instant.now(), other));
        await().atMost(Duration.ofSeconds(20)).until(() -> VaultStandIn.keyRequests(other) >= 2); // asked, and asked again
        assertThat(column("SELECT reference FROM desk_application WHERE reference = '" + waiting + "'")).isEmpty();

        VaultStandIn.unavailable = false; // nothing lost: the waiting record is stored once the vault answers
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(officer).get("/api/applications/" + waiting).then()
                .statusCode(200).body("answers.find { it.fieldId == 'studentName' }.value", equalTo("Waiting Name")));
        given().auth().oauth2(officer).accept("text/html").get("/applications/" + ref).then().statusCode(200)
                .body(containsString("Patient Waitname"));
        act(officer, ref, "{\"action\":\"accept\"}").then().statusCode(200);
    }

    // --- helpers ---------------------------------------------------------------------------------

    static String citizen() {
        return "cit_" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36) + "Shredxxxxxxxx";
    }

    String queued(String name, String citizen) {
        String ref = reference();
        kafka.send(Topics.departmentApplications("apsrtc"), citizen, DeskServiceTest.submittedJson(ref, name, Instant.now(), citizen));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(officer).get("/api/applications/" + ref).then().statusCode(200));
        return ref;
    }

    /** A handover as conversation-service sends it: the text sealed with the citizen's key (the vault stand-in's). */
    static String handover(UUID thread, String citizen, String text) {
        return """
                {"eventId":"%s","eventType":"handover.requested","occurredAt":"%s","threadId":"%s","citizenRef":"%s","departmentId":"apsrtc",
                 "language":"en","reason":"asked","text":%s}""".formatted(UUID.randomUUID(), Instant.now(), thread, citizen,
                DeskServiceTest.sealed(citizen, text));
    }

    /** A citizen's message in a handover thread as conversation-service sends it: text and file name sealed with the citizen's key. */
    static String citizenMessage(UUID thread, String citizen, String text, String filename) {
        return citizenMessage(thread, citizen, text, citizen, filename);
    }

    /** The same, with the file name sealed for {@code filenameSealedFor} (another citizen's, to be refused). */
    static String citizenMessage(UUID thread, String citizen, String text, String filenameSealedFor, String filename) {
        return """
                {"eventId":"%s","eventType":"handover.citizen_message","occurredAt":"%s","threadId":"%s","citizenRef":"%s",
                 "departmentId":"apsrtc","text":%s,"media":{"mediaId":"778899","mimeType":"application/pdf","filename":%s}}"""
                .formatted(UUID.randomUUID(), Instant.now(), thread, citizen, DeskServiceTest.sealed(citizen, text),
                        DeskServiceTest.sealed(filenameSealedFor, filename));
    }

    static void sealed(String value) {
        assertThat(value).startsWith("sealed:v1:");
    }

    List<String> column(String query) throws SQLException {
        try (Connection c = connection(); var rs = c.createStatement().executeQuery(query)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    void sql(String statement) throws SQLException {
        try (Connection c = connection()) {
            c.createStatement().executeUpdate(statement);
        }
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(devstack.postgres().jdbcUrl("desk"), devstack.postgres().user(), devstack.postgres().password());
    }
}
