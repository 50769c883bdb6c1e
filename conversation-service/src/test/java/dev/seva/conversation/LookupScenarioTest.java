package dev.seva.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.ContractAssertions;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.LocalizedText;
import dev.seva.contracts.Topics;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.contracts.department.LookupAnswered;
import dev.seva.contracts.payments.PaymentEvent;
import dev.seva.contracts.whatsapp.SendMessage;
import dev.seva.conversation.domain.Language;
import dev.seva.conversation.domain.Messages;
import dev.seva.devstack.Devstack;
import dev.seva.privacy.vault.CitizenKey;
import dev.seva.privacy.vault.SealedJson;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static dev.seva.conversation.JourneyScenarioTest.lastText;
import static dev.seva.conversation.JourneyScenarioTest.newWaId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Instant look-ups over the real broker and PostgreSQL, the department played here on its topics: a property tax found,
 * shown and paid in the chat and marked paid by the department; an unknown number; a department that does not answer in
 * time (the apology, and its late answer dropped); an answer on another department's topic (dead-lettered).
 */
@QuarkusTest
@QuarkusTestResource(ConversationTestResource.class)
class LookupScenarioTest {

    static final String PROPERTY_TAX = "mun-property-tax-payment";
    static Chat chat;
    Devstack devstack;

    @BeforeEach
    void connect() {
        if (chat == null) {
            chat = new Chat(devstack.kafkaBootstrapServers());
        }
    }

    @AfterAll
    static void close() {
        if (chat != null) {
            chat.close();
            chat = null;
        }
    }

    @Test
    void aPropertyTaxFoundIsShownPaidInTheChatAndMarkedPaidByTheDepartment() {
        Chat.Citizen lakshmi = startsPropertyTax(Language.EN);
        JsonNode request = asksForGunturAssessment(lakshmi, "1086012345");
        CitizenKey key = FakeVault.instance().keyOf(request.get("citizenRef").asText());
        assertThat(SealedJson.open(key, request.at("/fields/assessmentNumber")).asText()).as("sealed for the department").isEqualTo("1086012345");

        LookupAnswered found = answer(request, LookupAnswered.Result.FOUND,
                List.of(new LookupAnswered.Line(new LocalizedText("Owner", "యజమాని", "स्वामी"), SealedJson.sealText(key, "K. Lakshmi")),
                        new LookupAnswered.Line(new LocalizedText("Assessment", "అసెస్మెంట్", "निर्धारण"), "1086012345")),
                new LookupAnswered.Bill("MUN-BILL-TEST0001", 184600, new LocalizedText("2026-27, second half", "2026-27, రెండో అర్ధభాగం",
                        "2026-27, दूसरी छमाही"), LocalDate.now().plusDays(20)), null);
        publish("municipal", found);
        await().atMost(Duration.ofSeconds(30)).until(() -> lakshmi.allReplies().stream().anyMatch(m -> m.kind() == SendMessage.Kind.ORDER_DETAILS));
        List<SendMessage> all = lakshmi.allReplies();
        SendMessage order = all.get(all.size() - 1);
        String bill = all.get(all.size() - 2).text().body();
        assertThat(bill).contains("*Owner*: K. Lakshmi", "₹1846.00", "2026-27, second half", "SEVA-MUN-");
        assertThat(order.orderDetails().totalPaise()).isEqualTo(184600);
        String reference = order.orderDetails().referenceId().replaceAll("-1$", "");
        JsonNode paymentOrder = JourneyScenarioTest.paymentOrder(lakshmi, order.orderDetails().referenceId());
        assertThat(paymentOrder.get("purpose").asText()).isEqualTo("bill");
        assertThat(paymentOrder.get("refundable").asBoolean()).as("a bill paid twice is refunded").isTrue();
        assertThat(chat.records(Topics.departmentApplications("municipal"))).as("nothing goes to the department unpaid")
                .noneMatch(r -> r.value().contains(reference));

        paid(paymentOrder);
        await().atMost(Duration.ofSeconds(30)).until(() -> chat.records(Topics.departmentApplications("municipal")).stream()
                .anyMatch(r -> r.value().contains(reference)));
        JsonNode submitted = Chat.read(chat.records(Topics.departmentApplications("municipal")).stream()
                .filter(r -> r.value().contains(reference)).findFirst().orElseThrow().value());
        assertThat(submitted.at("/feePaid/billId").asText()).isEqualTo("MUN-BILL-TEST0001");
        assertThat(submitted.at("/feePaid/amountPaise").asLong()).isEqualTo(184600);
        assertThat(SealedJson.open(key, submitted.at("/fields/assessmentNumber")).asText()).isEqualTo("1086012345");

        ApplicationOutcomeDecided recorded = new ApplicationOutcomeDecided(EventIds.random(), ApplicationOutcomeDecided.EVENT_TYPE, Instant.now(),
                "municipal", reference, PROPERTY_TAX, request.get("citizenRef").asText(), ApplicationOutcomeDecided.Outcome.APPROVED, null, null,
                null, null);
        ContractAssertions.assertConforms(Topics.departmentOutcomes("municipal"), recorded);
        chat.publish(Topics.departmentOutcomes("municipal"), recorded.citizenRef(), recorded, ApplicationOutcomeDecided.EVENT_TYPE);
        await().atMost(Duration.ofSeconds(30)).until(() -> lastText(lakshmi).equals(Messages.text(Language.EN, "bill.recorded.text", reference,
                "Pay property tax (house tax)")));
    }

    @Test
    void anUnknownNumberIsAnsweredInTheCitizensLanguageAndASecondAnswerIsDropped() {
        Chat.Citizen ravi = startsPropertyTax(Language.TE);
        JsonNode request = asksForGunturAssessment(ravi, "1086000000");
        LookupAnswered notFound = answer(request, LookupAnswered.Result.NOT_FOUND, null, null,
                new LocalizedText("No property has this number.", "ఈ నంబర్తో ఆస్తి లేదు.", "इस संख्या की कोई संपत्ति नहीं है।"));
        publish("municipal", notFound);
        await().atMost(Duration.ofSeconds(30)).until(() -> lastText(ravi).contains("ఈ నంబర్తో ఆస్తి లేదు."));
        int replies = ravi.allReplies().size();

        // The department answers again under a new event id: the look-up is answered already, the citizen hears nothing more.
        publish("municipal", answer(request, LookupAnswered.Result.NOTHING_DUE, null, null, null));
        assertThat(ravi.says("menu", 1)).isNotEmpty();
        assertThat(ravi.allReplies().subList(replies, ravi.allReplies().size()))
                .noneMatch(m -> m.text() != null && m.text().body().startsWith("✅"));
    }

    @Test
    void aDepartmentThatDoesNotAnswerInTimeGetsTheCitizenAnApologyAndItsLateAnswerIsDropped() {
        Chat.Citizen anita = startsPropertyTax(Language.EN);
        JsonNode request = asksForGunturAssessment(anita, "1086055555");
        // %test: LOOKUP_TIMEOUT is 8 s, the sweep every 1 s.
        await().atMost(Duration.ofSeconds(30)).until(() -> lastText(anita).equals(Messages.text(Language.EN, "lookup.timeout.text",
                "Pay property tax (house tax)")));
        int replies = anita.allReplies().size();
        publish("municipal", answer(request, LookupAnswered.Result.NOT_FOUND, null, null, null));
        assertThat(anita.says("menu", 1)).isNotEmpty();
        assertThat(anita.allReplies().subList(replies, anita.allReplies().size()))
                .as("the late answer is dropped: only the menu follows").allMatch(m -> m.kind() == SendMessage.Kind.LIST);
    }

    @Test
    void anAnswerOnAnotherDepartmentsTopicIsDeadLetteredAndNotTold() {
        Chat.Citizen suresh = startsPropertyTax(Language.EN);
        JsonNode request = asksForGunturAssessment(suresh, "1086077777");
        // Education answering Municipal's look-up (its contract pins departmentId to the topic, so it claims education).
        LookupAnswered forged = new LookupAnswered(EventIds.random(), LookupAnswered.EVENT_TYPE, Instant.now(), "education",
                request.get("lookupId").asText(), PROPERTY_TAX, request.get("citizenRef").asText(), LookupAnswered.Result.NOTHING_DUE, null, null, null);
        publish("education", forged);
        await().atMost(Duration.ofSeconds(30)).until(() -> chat.records(Topics.deadLetter(Topics.departmentAnswers("education"))).stream()
                .anyMatch(r -> r.value().contains(request.get("lookupId").asText())));
        assertThat(suresh.allReplies()).noneMatch(m -> m.text() != null && m.text().body().startsWith("✅"));
    }

    /** Consent, language, the service's details (no fee, no days: looked up), Apply. */
    private static Chat.Citizen startsPropertyTax(Language language) {
        Chat.Citizen citizen = chat.citizen(newWaId());
        citizen.says("hi", 1);
        citizen.taps("consent:accept:" + language.code(), "Accept", 1);
        citizen.taps("lang:" + language.code(), language.code(), 2);
        SendMessage details = citizen.taps("svc:" + PROPERTY_TAX, "Pay property tax", 1).get(0);
        assertThat(details.buttons().body()).doesNotContain("₹0");
        assertThat(details.buttons().buttons().get(0).title()).isEqualTo(Messages.text(language, "service.pay.button"));
        citizen.taps("apply", Messages.text(language, "service.pay.button"), 1);
        return citizen;
    }

    /** Municipality, assessment number, mobile skipped: "one moment", and the look-up on Municipal's topic. */
    private static JsonNode asksForGunturAssessment(Chat.Citizen citizen, String assessment) {
        citizen.says("Guntur", 1);
        citizen.says(assessment, 1);
        int before = chat.records(Topics.departmentLookups("municipal")).size();
        List<SendMessage> asked = citizen.says("skip", 1);
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).text().body()).startsWith("🔎");
        // The scenarios run one after the other: the look-up after this citizen's last answer is theirs.
        await().atMost(Duration.ofSeconds(30)).until(() -> chat.records(Topics.departmentLookups("municipal")).size() > before);
        ConsumerRecord<String, String> record = chat.records(Topics.departmentLookups("municipal")).get(before);
        ContractAssertions.assertConforms(Topics.departmentLookups("municipal"), record.value());
        assertThat(record.value()).as("sealed: no number in clear").doesNotContain(assessment).doesNotContain("Guntur");
        return Chat.read(record.value());
    }

    private static LookupAnswered answer(JsonNode request, LookupAnswered.Result result, List<LookupAnswered.Line> lines, LookupAnswered.Bill bill,
                                         LocalizedText message) {
        return new LookupAnswered(EventIds.random(), LookupAnswered.EVENT_TYPE, Instant.now(), "municipal", request.get("lookupId").asText(),
                request.get("serviceId").asText(), request.get("citizenRef").asText(), result, lines, bill, message);
    }

    private static void publish(String department, LookupAnswered answer) {
        if ("municipal".equals(department)) {
            ContractAssertions.assertConforms(Topics.departmentAnswers(department), answer);
        }
        chat.publish(Topics.departmentAnswers(department), answer.citizenRef(), answer, LookupAnswered.EVENT_TYPE);
    }

    private static void paid(JsonNode order) {
        PaymentEvent paid = new PaymentEvent(EventIds.random(), PaymentEvent.PAID, Instant.now(), order.get("orderId").asText(),
                order.get("applicationRef").asText(), "municipal", PROPERTY_TAX, order.get("citizenRef").asText(), "bill", "INR",
                order.get("amountPaise").asLong(), "RCPT-MUN-20261207-TEST01", Instant.now(), "upi",
                new PaymentEvent.Gateway("razorpay", "order_SevaTest0000B", "pay_SevaTest0000B", null), null, null, null,
                PaymentEvent.SETTLED_BY_WHATSAPP);
        ContractAssertions.assertConforms(Topics.PAYMENTS_EVENTS, paid);
        chat.publish(Topics.PAYMENTS_EVENTS, paid.citizenRef(), paid, PaymentEvent.PAID);
    }
}
