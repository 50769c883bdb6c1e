package dev.seva.desk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.ContractValidator;
import dev.seva.contracts.Topics;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static dev.seva.desk.DeskServiceTest.CITIZEN;
import static dev.seva.desk.DeskServiceTest.json;
import static dev.seva.desk.DeskServiceTest.opened;
import static dev.seva.desk.DeskServiceTest.sealedFields;
import static dev.seva.desk.DeskServiceTest.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Instant answers and bills (issue 17) over the real broker and database, with the sample data loaded at start
 * (the test profile): look-ups sent on {@code dept.municipal.lookups.v1} as conversation-service sends them (the
 * citizen's answers sealed with the vault stand-in's key), answered on {@code dept.municipal.answers.v1}; and
 * bills paid by an {@code application.submitted} with {@code feePaid.billId}, decided on the outcomes topic
 * without an officer. Same resources as the other Quarkus tests, so the same start.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "desk"))
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(StandIns.class)
@QuarkusTestResource(VaultStandIn.class)
class LookupsAndBillsTest {

    static final String PROPERTY_TAX = "mun-property-tax-payment";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

    Devstack devstack;
    TestKafka kafka;

    @BeforeEach
    void connect() {
        kafka = DeskServiceTest.connectKafka(devstack);
    }

    @Test
    void propertyTaxInGunturIsFoundWithTheOwnerSealedForTheCitizenAndTheBillToPay() {
        // Tried: the sample assessment 1086012345, the municipality typed in another case and with spaces, in Telugu.
        String lookupId = lookup(PROPERTY_TAX, "{\"municipality\":\" guntur \",\"assessmentNumber\":\"1086012345\"}", "te");
        JsonNode answer = answer(lookupId);
        assertThat(answer.path("result").asText()).isEqualTo("found");
        assertThat(answer.path("bill").path("billId").asText()).isEqualTo("MUN-BILL-4KQ7Z2P9");
        assertThat(answer.path("bill").path("amountPaise").asLong()).isEqualTo(184600);
        assertThat(answer.path("bill").path("dueDate").asText()).isEqualTo("2026-12-31");
        assertThat(answer.path("bill").path("period").path("te").asText()).isEqualTo("2026-27, రెండో అర్ధభాగం");
        assertThat(answer.path("bill").path("billId").asText()).doesNotContain("1086012345");
        JsonNode lines = answer.path("lines");
        assertThat(lines.get(0).path("label").path("en").asText()).isEqualTo("Owner");
        assertThat(opened(CITIZEN, lines.get(0).path("value"))).isEqualTo("K. Lakshmi");
        assertThat(opened(CITIZEN, lines.get(1).path("value"))).isEqualTo("Door 4-12, Brodipet, Guntur");
        assertThat(lines).as("owner and address; the period travels in the bill").hasSize(2);
        assertThat(answer.toString()).doesNotContain("Lakshmi").doesNotContain("Brodipet");
    }

    @Test
    void aPropertyWithOnlyPaidBillsAnswersNothingDueWithTheDayOfTheLastPayment() {
        // Tried: the sample assessment 1086099999, whose only bill was paid on 12 September 2026.
        JsonNode answer = answer(lookup(PROPERTY_TAX, "{\"municipality\":\"Guntur\",\"assessmentNumber\":\"1086099999\"}", "en"));
        assertThat(answer.path("result").asText()).isEqualTo("nothing_due");
        assertThat(answer.has("bill")).isFalse();
        assertThat(answer.path("lines").get(0).path("label").path("en").asText()).isEqualTo("Last paid");
        assertThat(answer.path("lines").get(0).path("value").asText()).isEqualTo("2026-09-12");
        assertThat(answer.path("message").path("en").asText()).isEqualTo("Nothing is due on this property.");
    }

    @Test
    void anUnknownAssessmentNumberIsNotFoundWithAMessageInThreeLanguagesNamingWhatToCheck() {
        // Tried: an assessment number no property has; and the sample number in another municipality.
        for (String fields : List.of("{\"municipality\":\"Guntur\",\"assessmentNumber\":\"1086000000\"}",
                "{\"municipality\":\"Nellore\",\"assessmentNumber\":\"1086012345\"}")) {
            JsonNode answer = answer(lookup(PROPERTY_TAX, fields, "en"));
            assertThat(answer.path("result").asText()).isEqualTo("not_found");
            assertThat(answer.path("message").path("en").asText()).contains("the number on your last tax receipt");
            assertThat(answer.path("message").path("te").asText()).isNotBlank();
            assertThat(answer.path("message").path("hi").asText()).isNotBlank();
        }
    }

    @Test
    void anSscResultIsFoundWithTheStudentsValuesSealedAndTheOfficesClear() {
        // Tried: the sample hall ticket on education's topic.
        JsonNode answer = answer("education", lookup("education", "edu-ssc-results", "{\"hallTicketNumber\":\"2612345678\"}", "en"));
        assertThat(answer.path("result").asText()).isEqualTo("found");
        assertThat(opened(CITIZEN, answer.path("lines").get(0).path("value"))).isEqualTo("B. Harika");
        JsonNode declared = null;
        for (JsonNode line : answer.path("lines")) {
            if (line.path("label").path("en").asText().equals("Results declared")) {
                declared = line;
            }
        }
        assertThat(declared).isNotNull();
        assertThat(declared.path("value").asText()).isEqualTo("2026-04-30");
    }

    @Test
    void aLookUpNamingAnotherDepartmentOnThisTopicIsDeadLetteredAndNotAnswered() {
        // Tried: a request on dept.municipal.lookups.v1 whose body names energy.
        String lookupId = lookupId();
        kafka.send(Topics.departmentLookups("municipal"), CITIZEN, lookupJson(UUID.randomUUID(), lookupId, PROPERTY_TAX,
                "{\"municipality\":\"Guntur\",\"assessmentNumber\":\"1086012345\"}", "en", Instant.now().plusSeconds(60))
                .replace("\"departmentId\":\"municipal\"", "\"departmentId\":\"energy\""));
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.all(Topics.deadLetter(Topics.departmentLookups("municipal"))).stream()
                .anyMatch(r -> r.value().contains(lookupId)));
        answer(lookup(PROPERTY_TAX, "{\"municipality\":\"Guntur\",\"assessmentNumber\":\"1086099999\"}", "en"));
        assertThat(answers("municipal", lookupId)).isEmpty();
        assertThat(kafka.all(Topics.departmentAnswers("energy")).stream().filter(r -> r.value().contains(lookupId))).isEmpty();
    }

    @Test
    void aRedeliveredLookUpIsAnsweredOnceEvenUnderAnotherEventId() {
        // Tried: the same request twice (a redelivery) and once more under a new event id (a producer's retry), then another request.
        String lookupId = lookupId();
        String fields = "{\"municipality\":\"Guntur\",\"assessmentNumber\":\"1086012345\"}";
        UUID eventId = UUID.randomUUID();
        Instant answerBy = Instant.now().plusSeconds(60);
        kafka.send(Topics.departmentLookups("municipal"), CITIZEN, lookupJson(eventId, lookupId, PROPERTY_TAX, fields, "en", answerBy));
        kafka.send(Topics.departmentLookups("municipal"), CITIZEN, lookupJson(eventId, lookupId, PROPERTY_TAX, fields, "en", answerBy));
        kafka.send(Topics.departmentLookups("municipal"), CITIZEN, lookupJson(UUID.randomUUID(), lookupId, PROPERTY_TAX, fields, "en", answerBy));
        // The same citizen's requests share a partition: once the next one is answered, the three before it were taken.
        answer(lookup(PROPERTY_TAX, fields, "en"));
        assertThat(answers("municipal", lookupId)).hasSize(1);
    }

    @Test
    void aLookUpPastItsAnswerByIsNotAnsweredAndIsCounted() {
        // Tried: a request whose answerBy passed before the desk took it, then another request of the same citizen.
        String lookupId = lookupId();
        kafka.send(Topics.departmentLookups("municipal"), CITIZEN, lookupJson(UUID.randomUUID(), lookupId, PROPERTY_TAX,
                "{\"municipality\":\"Guntur\",\"assessmentNumber\":\"1086012345\"}", "en", Instant.now().minusSeconds(5)));
        answer(lookup(PROPERTY_TAX, "{\"municipality\":\"Guntur\",\"assessmentNumber\":\"1086099999\"}", "en"));
        assertThat(answers("municipal", lookupId)).isEmpty();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics.lines().filter(l -> l.startsWith("seva_desk_lookups_total{") && l.contains("department=\"municipal\"")
                && l.contains("result=\"late\""))).isNotEmpty();
        assertThat(metrics.lines().filter(l -> l.startsWith("seva_desk_lookups_total{") && l.contains("result=\"found\""))).isNotEmpty();
    }

    @Test
    void aPaidBillIsMarkedPaidAndItsApplicationApprovedWithoutAnOfficer() throws SQLException {
        // Tried: a bill of the desk's data paid in the chat: application.submitted with feePaid.billId and the bill's amount.
        String billId = bill(250000);
        String ref = payment(billId, 250000, "rcpt_T" + random(12));
        JsonNode approved = outcome(ref, "approved");
        assertThat(approved.path("officer").path("id").asText()).isEqualTo("desk-bills");
        assertThat(approved.has("document")).isFalse();
        assertThat(billColumns(billId)).isEqualTo("paid " + ref + " " + ref + "-1");
        given().auth().oauth2(token("officer.municipal", "dept-municipal-officer")).get("/api/applications/" + ref).then().statusCode(200)
                .body("application.status", equalTo("approved"));
        given().auth().oauth2(token("officer.municipal", "dept-municipal-officer")).get("/api/applications?status=open").then()
                .statusCode(200).body("applications.reference", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(ref)));
        assertThat(audit(ref)).containsExactly("system bill_paid done");
    }

    @Test
    void theSameBillPaidTwiceIsRejectedTheSecondTimeSoThePaymentIsRefunded() throws SQLException {
        // Tried: two orders paying the same bill, one after the other; and a payment of a bill the department never gave.
        String billId = bill(120000);
        String receipt = "rcpt_T" + random(12);
        String first = payment(billId, 120000, receipt);
        outcome(first, "approved");
        String second = payment(billId, 120000, "rcpt_T" + random(12));
        JsonNode rejected = outcome(second, "rejected");
        assertThat(rejected.path("reason").path("en").asText())
                .isEqualTo("This bill was already paid (receipt " + receipt + "); your payment will be refunded.");
        assertThat(rejected.path("reason").path("te").asText()).contains(receipt);
        assertThat(rejected.path("reason").path("hi").asText()).contains(receipt);
        assertThat(billColumns(billId)).isEqualTo("paid " + first + " " + first + "-1");
        assertThat(audit(second)).containsExactly("system bill_refused refused");
        String unknown = payment("MUN-BILL-NEVERGIVEN" + random(4), 120000, "rcpt_T" + random(12));
        assertThat(outcome(unknown, "rejected").path("reason").path("en").asText()).contains("no such bill");
    }

    // --- helpers ---------------------------------------------------------------------------------

    String lookup(String serviceId, String clearFields, String language) {
        return lookup("municipal", serviceId, clearFields, language);
    }

    String lookup(String department, String serviceId, String clearFields, String language) {
        String lookupId = lookupId();
        kafka.send(Topics.departmentLookups(department), CITIZEN, lookupJson(UUID.randomUUID(), lookupId, serviceId, clearFields, language,
                Instant.now().plusSeconds(60)).replace("\"departmentId\":\"municipal\"", "\"departmentId\":\"" + department + "\""));
        return lookupId;
    }

    /** A request as conversation-service sends it: every answer sealed with the citizen's key. */
    static String lookupJson(UUID eventId, String lookupId, String serviceId, String clearFields, String language, Instant answerBy) {
        return """
                {"eventId":"%s","eventType":"lookup.requested","occurredAt":"%s","departmentId":"municipal","lookupId":"%s",
                 "serviceId":"%s","citizenRef":"%s","language":"%s","fields":%s,"answerBy":"%s"}"""
                .formatted(eventId, Instant.now(), lookupId, serviceId, CITIZEN, language, sealedFields(CITIZEN, clearFields), answerBy);
    }

    JsonNode answer(String lookupId) {
        return answer("municipal", lookupId);
    }

    JsonNode answer(String department, String lookupId) {
        JsonNode answer = await().atMost(Duration.ofSeconds(30)).until(() -> answers(department, lookupId).stream().findFirst().orElse(null),
                Objects::nonNull);
        assertThat(ContractValidator.instance().validate(Topics.departmentAnswers(department), answer)).isEmpty();
        return answer;
    }

    List<JsonNode> answers(String department, String lookupId) {
        return kafka.all(Topics.departmentAnswers(department)).stream().map(ConsumerRecord::value).map(DeskServiceTest::json)
                .filter(a -> a.path("lookupId").asText().equals(lookupId)).toList();
    }

    /** An open bill of this test's own (the sample bills stay as they are for the end-to-end tests). */
    String bill(long amountPaise) throws SQLException {
        String billId = "TEST-BILL-" + random(10);
        try (Connection c = connection(); var s = c.prepareStatement("INSERT INTO desk_bill (bill_id, department_id, service_id, lookup_key,"
                + " area, period, due_date, amount_paise, holder_name, address, status) VALUES (?, 'municipal', ?, ?, 'Guntur',"
                + " '{\"en\":\"2026-27, second half\"}'::jsonb, DATE '2026-12-31', ?, 'A. Tester', 'Door 1-1, Guntur', 'open')")) {
            s.setString(1, billId);
            s.setString(2, PROPERTY_TAX);
            s.setString(3, "3" + String.format("%09d", RANDOM.nextInt(1_000_000_000)));
            s.setLong(4, amountPaise);
            s.executeUpdate();
        }
        return billId;
    }

    /** The payment of a bill as conversation-service sends it once the citizen paid: an ordinary submission with feePaid.billId. */
    String payment(String billId, long amountPaise, String receipt) {
        String ref = "SEVA-MUN-2026-" + (100000 + RANDOM.nextInt(899999));
        kafka.send(Topics.departmentApplications("municipal"), CITIZEN, """
                {"eventId":"%s","eventType":"application.submitted","occurredAt":"%s","departmentId":"municipal","applicationRef":"%s",
                 "serviceId":"%s","serviceVersion":1,"citizenRef":"%s","language":"en","slaDays":0,
                 "fields":%s,"attachments":[],
                 "feePaid":{"orderId":"%s-1","receiptNumber":"%s","amountPaise":%d,"paidAt":"%s","billId":"%s"}}"""
                .formatted(UUID.randomUUID(), Instant.now(), ref, PROPERTY_TAX, CITIZEN,
                        sealedFields(CITIZEN, "{\"municipality\":\"Guntur\",\"assessmentNumber\":\"1086012345\"}"),
                        ref, receipt, amountPaise, Instant.now(), billId));
        return ref;
    }

    JsonNode outcome(String ref, String kind) {
        JsonNode outcome = await().atMost(Duration.ofSeconds(30)).until(() -> kafka.all(Topics.departmentOutcomes("municipal")).stream()
                .map(ConsumerRecord::value).map(DeskServiceTest::json)
                .filter(o -> o.path("applicationRef").asText().equals(ref)).findFirst().orElse(null), Objects::nonNull);
        assertThat(outcome.path("outcome").asText()).isEqualTo(kind);
        assertThat(ContractValidator.instance().validate(Topics.departmentOutcomes("municipal"), outcome)).isEmpty();
        return outcome;
    }

    String billColumns(String billId) throws SQLException {
        try (Connection c = connection(); var s = c.prepareStatement(
                "SELECT status, application_ref, order_id, paid_at IS NOT NULL, receipt_number IS NOT NULL FROM desk_bill WHERE bill_id = ?")) {
            s.setString(1, billId);
            try (var rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(4) && rs.getBoolean(5) || !"paid".equals(rs.getString(1))).isTrue();
                return rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3);
            }
        }
    }

    List<String> audit(String ref) throws SQLException {
        try (Connection c = connection(); var s = c.prepareStatement("SELECT actor, action, outcome FROM desk_audit WHERE reference = ? AND actor = 'system' ORDER BY id")) {
            s.setString(1, ref);
            try (var rs = s.executeQuery()) {
                List<String> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
                return out;
            }
        }
    }

    Connection connection() throws SQLException {
        return DriverManager.getConnection(devstack.postgres().jdbcUrl("desk"), devstack.postgres().user(), devstack.postgres().password());
    }

    static String lookupId() {
        return "LKP-" + random(26);
    }

    static String random(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return out.toString();
    }
}
