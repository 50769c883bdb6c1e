package dev.seva.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.privacy.vault.CitizenKey;
import dev.seva.privacy.vault.SealedJson;
import dev.seva.contracts.ContractAssertions;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.Headers;
import dev.seva.contracts.Topics;
import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.contracts.handover.HandoverClosed;
import dev.seva.contracts.handover.HandoverOfficer;
import dev.seva.contracts.handover.HandoverOfficerReplied;
import dev.seva.contracts.whatsapp.SendMessage;
import dev.seva.conversation.domain.Language;
import dev.seva.conversation.domain.Messages;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.PostgresAddress;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Handovers to an officer and the delayed outcome over the real broker, PostgreSQL and catalogue:
 * what goes to the desk on {@code conversation.handovers.v1}, and what the desk's events on
 * {@code desk.handovers.v1} make the citizen receive on {@code whatsapp.outbound.v1}.
 */
@QuarkusTest
@QuarkusTestResource(ConversationTestResource.class)
class HandoverScenarioTest {

    static final String INCOME = "rev-income-certificate";
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
    void talkToAnOfficerOpensAThreadThePhotoGoesToTheOfficerTheReplyReachesTheCitizenAndClosingResumesTheMenu() {
        Chat.Citizen lakshmi = atIncomeCertificateDetails(Language.EN);

        List<SendMessage> started = lakshmi.says("talk to an officer", 1);
        assertThat(started).singleElement().satisfies(m -> assertThat(m.text().body()).isEqualTo(Messages.text(Language.EN, "handover.started.text")));
        ConsumerRecord<String, String> requestedRecord = handoverEvent(json -> json.path("eventType").asText().equals("handover.requested")
                && json.path("text").asText().equals("talk to an officer") && json.path("serviceId").asText().equals(INCOME));
        JsonNode requested = openedJson(requestedRecord.value());
        String citizenRef = requested.path("citizenRef").asText();
        UUID threadId = UUID.fromString(requested.path("threadId").asText());
        assertThat(requestedRecord.key()).isEqualTo(citizenRef);
        // Tried before issue 15: the text in clear on the topic. Now it is sealed with the citizen's key.
        assertThat(requestedRecord.value()).doesNotContain("talk to an officer").contains("\"text\":\"sealed:v1:");
        assertThat(requested.path("departmentId").asText()).isEqualTo("revenue");
        assertThat(requested.path("reason").asText()).isEqualTo("asked");
        assertThat(requested.path("language").asText()).isEqualTo("en");
        assertThat(requestedRecord.value()).as("no phone number on the handover topic").doesNotContain(lakshmi.waId);

        // In the handover: a photo and a text go to the officer, and the bot says nothing.
        assertThat(lakshmi.sendsPhoto(0)).isEmpty();
        JsonNode photo = openedJson(handoverEvent(json -> json.path("threadId").asText().equals(threadId.toString())
                && json.path("media").path("mediaId").asText().equals("1479537139650973")).value());
        assertThat(photo.path("eventType").asText()).isEqualTo("handover.citizen_message");
        assertThat(photo.path("media").path("mimeType").asText()).isEqualTo("image/jpeg");
        var aadhaar = lakshmi.message(dev.seva.contracts.whatsapp.MessageType.TEXT,
                p -> p.text = new dev.seva.contracts.whatsapp.WhatsAppMessageReceived.Text("my aadhaar is " + Answers.AADHAAR));
        assertThat(lakshmi.exchange(aadhaar, 0)).isEmpty();
        JsonNode text = openedJson(handoverEvent(json -> json.path("threadId").asText().equals(threadId.toString())
                && json.path("text").asText().startsWith("my aadhaar is")).value());
        assertThat(text.path("text").asText()).doesNotContain(Answers.AADHAAR).contains("XXXX XXXX " + Answers.AADHAAR.substring(8)).contains("aad_");
        assertThat(lakshmi.repliesTo(aadhaar.eventId())).as("no bot reply in a handover").isEmpty();
        // As the gateway delivers a number: its token form goes to the officer as it is, and the token is bound to the citizen.
        String form = FakeVault.instance().gatewayForm(Answers.AADHAAR);
        String token = form.substring(form.indexOf("aad_"), form.length() - 1);
        assertThat(lakshmi.says("second copy " + form, 0)).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> chat.records(Topics.CONVERSATION_HANDOVERS).stream()
                .anyMatch(r -> openedJson(r.value()).path("text").asText().equals("second copy " + form)));
        assertThat(FakeVault.instance().tokens.get(token).citizenRef()).isEqualTo(citizenRef);

        // The officer answers from the desk; a redelivery of the same event is not sent twice.
        HandoverOfficerReplied reply = new HandoverOfficerReplied(EventIds.random(), HandoverOfficerReplied.EVENT_TYPE, Instant.now(), threadId,
                citizenRef, "revenue", sealedFor(citizenRef, "Please send a photo of your ration card."), new HandoverOfficer("dt-vja-urban-2", "Deputy Tahsildar"));
        ContractAssertions.assertConforms(Topics.DESK_HANDOVERS, reply);
        chat.publish(Topics.DESK_HANDOVERS, citizenRef, reply, reply.eventType());
        chat.publish(Topics.DESK_HANDOVERS, citizenRef, reply, reply.eventType());
        String expected = Messages.text(Language.EN, "handover.officer.text", "Deputy Tahsildar", "Please send a photo of your ration card.");
        await().atMost(Duration.ofSeconds(30)).until(() -> texts(lakshmi).contains(expected));
        SendMessage sent = lakshmi.allReplies().stream().filter(m -> m.text() != null && m.text().body().equals(expected)).findFirst().orElseThrow();
        assertThat(sent.withinServiceWindow()).isTrue();
        assertThat(sent.fallbackTemplate()).as("inside the window no template is needed").isNull();

        // The officer closes: the citizen is told, and the bot is back.
        HandoverClosed closed = new HandoverClosed(EventIds.random(), HandoverClosed.EVENT_TYPE, Instant.now(), threadId, citizenRef, "revenue",
                new HandoverOfficer("dt-vja-urban-2", null));
        chat.publish(Topics.DESK_HANDOVERS, citizenRef, closed, closed.eventType());
        await().atMost(Duration.ofSeconds(30)).until(() -> texts(lakshmi).contains(Messages.text(Language.EN, "handover.closed.text")));
        assertThat(texts(lakshmi).stream().filter(expected::equals)).as("the redelivered reply was not sent again").hasSize(1);
        List<SendMessage> menu = lakshmi.says("menu", 1);
        assertThat(menu.get(0).kind()).isEqualTo(SendMessage.Kind.LIST);
        assertThat(JourneyScenarioTest.rowIds(menu.get(0))).contains("popular", "status");
    }

    @Test
    void outsideTheWindowTheOfficersReplyCarriesTheHandoverTemplateAndIsSentAgainWhenTheCitizenWrites() throws Exception {
        Chat.Citizen kiran = atMenu(Language.EN);
        kiran.says("talk to a human", 1);
        JsonNode requested = openedJson(handoverEvent(json -> json.path("eventType").asText().equals("handover.requested")
                && json.path("text").asText().equals("talk to a human")).value());
        String citizenRef = requested.path("citizenRef").asText();
        UUID threadId = UUID.fromString(requested.path("threadId").asText());
        // The citizen last wrote two days ago: the 24-hour window is closed.
        try (Connection db = database(); PreparedStatement update = db.prepareStatement(
                "UPDATE citizen SET last_inbound_at = now() - interval '2 days' WHERE citizen_ref = ?")) {
            update.setString(1, citizenRef);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        HandoverOfficerReplied reply = new HandoverOfficerReplied(EventIds.random(), HandoverOfficerReplied.EVENT_TYPE, Instant.now(), threadId,
                citizenRef, "helpdesk", sealedFor(citizenRef, "Your certificate is ready at the MRO office."), new HandoverOfficer("helpdesk-7", "Help desk officer"));
        chat.publish(Topics.DESK_HANDOVERS, citizenRef, reply, reply.eventType());
        String expected = Messages.text(Language.EN, "handover.officer.text", "Help desk officer", "Your certificate is ready at the MRO office.");
        await().atMost(Duration.ofSeconds(30)).until(() -> texts(kiran).contains(expected));
        SendMessage outside = kiran.allReplies().stream().filter(m -> m.text() != null && m.text().body().equals(expected)).findFirst().orElseThrow();
        assertThat(outside.withinServiceWindow()).isFalse();
        assertThat(outside.fallbackTemplate().name()).isEqualTo("seva_officer_message");
        assertThat(outside.fallbackTemplate().languageCode()).isEqualTo("en");
        assertThat(outside.fallbackTemplate().components().get(0).parameters().get(0).text()).isEqualTo("Help desk officer");

        // The citizen answers the template: the officer's text comes again, free-form, and their message goes to the officer.
        List<SendMessage> again = kiran.says("ok", 1);
        assertThat(again).singleElement().satisfies(m -> {
            assertThat(m.text().body()).isEqualTo(expected);
            assertThat(m.withinServiceWindow()).isTrue();
        });
        handoverEvent(json -> json.path("threadId").asText().equals(threadId.toString()) && json.path("text").asText().equals("ok"));
        assertThat(kiran.says("thanks", 0)).as("held only once").isEmpty();
        handoverEvent(json -> json.path("threadId").asText().equals(threadId.toString()) && json.path("text").asText().equals("thanks"));
    }

    @Test
    void threeMessagesTheBotCannotReadInARowHandTheCitizenOverToTheHelpDesk() {
        Chat.Citizen ravi = atMenu(Language.TE);
        assertThat(ravi.sendsSticker(1).get(0).text().body()).isEqualTo(Messages.text(Language.TE, "unsupported.text"));
        assertThat(ravi.sendsSticker(1).get(0).text().body()).isEqualTo(Messages.text(Language.TE, "unsupported.text"));
        assertThat(ravi.sendsSticker(1).get(0).text().body()).isEqualTo(Messages.text(Language.TE, "handover.not_understood.text"));
        JsonNode requested = openedJson(handoverEvent(json -> json.path("eventType").asText().equals("handover.requested")
                && json.path("reason").asText().equals("not_understood") && json.path("language").asText().equals("te")
                && json.path("departmentId").asText().equals("helpdesk")).value());
        assertThat(requested.has("text")).as("a sticker has no text").isFalse();
        // Now a text goes to the help desk's officer.
        assertThat(ravi.says("నా దరఖాస్తు గురించి", 0)).isEmpty();
        handoverEvent(json -> json.path("threadId").asText().equals(requested.path("threadId").asText())
                && json.path("text").asText().equals("నా దరఖాస్తు గురించి"));
    }

    @Test
    void anOfficersReplyInAThreadThatDoesNotExistIsDeadLettered() {
        Chat.Citizen sita = atMenu(Language.HI);
        sita.says("अधिकारी", 1);
        String citizenRef = openedJson(handoverEvent(json -> json.path("eventType").asText().equals("handover.requested")
                && json.path("language").asText().equals("hi") && json.path("text").asText().equals("अधिकारी")).value()).path("citizenRef").asText();
        HandoverOfficerReplied stray = new HandoverOfficerReplied(EventIds.random(), HandoverOfficerReplied.EVENT_TYPE, Instant.now(), UUID.randomUUID(),
                citizenRef, "helpdesk", sealedFor(citizenRef, "Hello?"), new HandoverOfficer("helpdesk-1", null));
        chat.publish(Topics.DESK_HANDOVERS, citizenRef, stray, stray.eventType());
        await().atMost(Duration.ofSeconds(30)).until(() -> chat.records(Topics.DESK_HANDOVERS_DLQ).stream()
                .anyMatch(r -> r.value().contains(stray.eventId().toString())));
        ConsumerRecord<String, String> dead = chat.records(Topics.DESK_HANDOVERS_DLQ).stream()
                .filter(r -> r.value().contains(stray.eventId().toString())).findFirst().orElseThrow();
        assertThat(new String(dead.headers().lastHeader(Headers.DLQ_REASON).value(), StandardCharsets.UTF_8)).contains("unknown handover thread");
    }

    @Test
    void aDelayedOutcomeTellsTheCitizenTheNewDateAndTheApplicationKeepsItsStatus() {
        Chat.Citizen anil = atIncomeCertificateDetails(Language.EN);
        ServiceDefinition income = Answers.definition(ConversationTestResource.catalogue().url(), INCOME);
        String reference = JourneyScenarioTest.apply(anil, income, Language.EN);
        String topic = Topics.departmentApplications(income.departmentId());
        await().atMost(Duration.ofSeconds(30)).until(() -> chat.records(topic).stream().anyMatch(r -> r.value().contains(reference)));
        String citizenRef = openedJson(chat.records(topic).stream().filter(r -> r.value().contains(reference)).findFirst().orElseThrow().value())
                .path("citizenRef").asText();

        ApplicationOutcomeDecided delayed = new ApplicationOutcomeDecided(EventIds.random(), ApplicationOutcomeDecided.EVENT_TYPE, Instant.now(),
                income.departmentId(), reference, INCOME, citizenRef, ApplicationOutcomeDecided.Outcome.DELAYED, null, null, null, null,
                LocalDate.of(2026, 12, 16));
        ContractAssertions.assertConforms(Topics.departmentOutcomes(income.departmentId()), delayed);
        chat.publish(Topics.departmentOutcomes(income.departmentId()), citizenRef, delayed, delayed.eventType());
        String expected = Messages.text(Language.EN, "outcome.delayed.text", reference, income.names().en(), "16-12-2026");
        await().atMost(Duration.ofSeconds(30)).until(() -> texts(anil).contains(expected));
        SendMessage told = anil.allReplies().stream().filter(m -> m.text() != null && m.text().body().equals(expected)).findFirst().orElseThrow();
        assertThat(told.applicationRef()).isEqualTo(reference);
        assertThat(anil.says("status " + reference, 1).get(0).text().body()).contains(Messages.text(Language.EN, "status.submitted"));
    }

    private Connection database() throws Exception {
        PostgresAddress pg = devstack.postgres();
        return DriverManager.getConnection(pg.jdbcUrl("conversation"), pg.user(), pg.password());
    }

    static Chat.Citizen atMenu(Language language) {
        Chat.Citizen citizen = chat.citizen(JourneyScenarioTest.newWaId());
        citizen.says("hi", 1);
        citizen.taps("consent:accept:" + language.code(), "Accept", 1);
        citizen.taps("lang:" + language.code(), "Language", 2);
        return citizen;
    }

    static Chat.Citizen atIncomeCertificateDetails(Language language) {
        Chat.Citizen citizen = atMenu(language);
        citizen.says("income certificate", 1);
        citizen.taps("svc:" + INCOME, "Income certificate", 1);
        return citizen;
    }

    /**
     * A record's JSON with what the citizen or officer wrote opened with the citizen's key (the texts
     * travel sealed: decision 009); records without a sealed text are returned as they are.
     */
    static JsonNode openedJson(String value) {
        JsonNode json = Chat.read(value);
        if (json.isObject() && json.has("citizenRef") && SealedJson.isSealed(json.get("text"))) {
            CitizenKey key = FakeVault.instance().keyOf(json.get("citizenRef").asText());
            ((com.fasterxml.jackson.databind.node.ObjectNode) json).set("text", SealedJson.open(key, json.get("text")));
        }
        return json;
    }

    /** An officer's reply as the desk sends it: sealed with the citizen's key. */
    static String sealedFor(String citizenRef, String text) {
        return SealedJson.seal(FakeVault.instance().keyOf(citizenRef), com.fasterxml.jackson.databind.node.TextNode.valueOf(text)).textValue();
    }

    /** The first record on conversation.handovers.v1 that matches, checked against the contract. */
    static ConsumerRecord<String, String> handoverEvent(Predicate<JsonNode> matching) {
        await().atMost(Duration.ofSeconds(30)).until(() -> chat.records(Topics.CONVERSATION_HANDOVERS).stream()
                .anyMatch(r -> matching.test(openedJson(r.value()))));
        ConsumerRecord<String, String> record = chat.records(Topics.CONVERSATION_HANDOVERS).stream()
                .filter(r -> matching.test(openedJson(r.value()))).findFirst().orElseThrow();
        ContractAssertions.assertConforms(Topics.CONVERSATION_HANDOVERS, record.value());
        assertThat(new String(record.headers().lastHeader(Headers.EVENT_TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo(openedJson(record.value()).path("eventType").asText());
        return record;
    }

    static List<String> texts(Chat.Citizen citizen) {
        return citizen.allReplies().stream().filter(m -> m.text() != null).map(m -> m.text().body()).toList();
    }
}
