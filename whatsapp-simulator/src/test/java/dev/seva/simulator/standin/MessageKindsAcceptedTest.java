package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.EventJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of message the platform sends, as Meta documents the body, is accepted with Meta's exact
 * success answer and logged exactly as sent.
 */
class MessageKindsAcceptedTest extends StandInTest {

    static String mediaId;

    /** A fixture and the contact the answer must name. */
    record Case(String label, String fixture, String input, String contactKey, String citizen, boolean template) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("text", "text", "919876543210", "wa_id", "919876543210", false),
                new Case("text to a number in international form, type omitted", "text-international-form", "+91 98765 43210", "wa_id", "919876543210", false),
                new Case("text to a business-scoped user id (recipient)", "text-to-user-id", "IN.1357924680135792", "user_id", "IN.1357924680135792", false),
                new Case("interactive list", "list", "919876543210", "wa_id", "919876543210", false),
                new Case("reply buttons in Telugu, as a reply (context)", "buttons", "919876543210", "wa_id", "919876543210", false),
                new Case("document by link", "document-by-link", "919876543210", "wa_id", "919876543210", false),
                new Case("document by uploaded media id", "document-by-id", "919876543210", "wa_id", "919876543210", false),
                new Case("template with document header, text body, quick-reply payload", "template", "919876543210", "wa_id", "919876543210", true),
                new Case("order_details as Seva sends it (PG mode, Razorpay, receipt and notes)", "order-details", "919876543210", "wa_id", "919876543210", false),
                new Case("order_details as Meta's example: image header, sale price, shipping, discount, importer", "order-details-meta-example", "919876543210", "wa_id", "919876543210", false));
    }

    @BeforeAll
    static void uploadADocument() {
        mediaId = http.uploadPdf();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void acceptsTheKindWithMetasExactAnswerAndLogsTheBodyAsSent(Case c) throws Exception {
        String body = Fixtures.text(c.fixture(), Map.of("mediaId", mediaId, "referenceId", OrderFixtures.newReference(),
                "expiresAt", Long.toString(java.time.Instant.now().plusSeconds(3600).getEpochSecond())));

        Http.Answer answer = http.postJson(MESSAGES, body);

        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(200);
        String wamid = answer.json().at("/messages/0/id").asText();
        assertThat(wamid).matches("wamid\\.[A-Za-z0-9+/=]{20,}");
        ObjectNode expected = EventJson.mapper().createObjectNode();
        expected.put("messaging_product", "whatsapp");
        expected.putArray("contacts").addObject().put("input", c.input()).put(c.contactKey(), c.citizen());
        ObjectNode message = expected.putArray("messages").addObject().put("id", wamid);
        if (c.template()) {
            message.put("message_status", "accepted");
        }
        assertThat(answer.json()).isEqualTo(expected);

        LoggedMessage logged = meta.conversations().find(wamid).orElseThrow();
        assertThat(logged.body()).isEqualTo(EventJson.mapper().readTree(body));
        assertThat(logged.citizen()).isEqualTo(c.citizen());
        assertThat(logged.phoneNumberId()).isEqualTo("106540352242922");
        assertThat(logged.apiVersion()).isEqualTo("v23.0");
        assertThat(logged.direction()).isEqualTo("outbound");
    }

    @Test
    void marksACitizensMessageReadWithMetasSuccessAnswer() {
        String inbound = meta.citizenSends("919800000101", CitizenMessage.text("hi"));

        Http.Answer answer = http.postJson(MESSAGES, Fixtures.text("mark-read", Map.of("inboundWamid", inbound)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).isEqualTo(EventJson.mapper().createObjectNode().put("success", true));
        assertThat(meta.conversations().find(inbound).orElseThrow().status()).isEqualTo("read");
    }

    @Test
    void refusesToMarkReadAMessageNoCitizenSent() {
        Http.Answer answer = http.postJson(MESSAGES, Fixtures.text("mark-read", Map.of("inboundWamid", "wamid.nope")));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().at("/error/code").asInt()).isEqualTo(100);
    }

    @Test
    void acceptsCallsWithoutAVersionSegmentAsGraphFacebookComDoes() {
        Http.Answer answer = http.postJson("/106540352242922/messages", Fixtures.text("text", Map.of()));

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void countsCharactersNotUtf16UnitsAgainstLimits() {
        ObjectNode body = Fixtures.json("buttons");
        String twentyEmoji = "\uD83D\uDE00".repeat(20);
        Fixtures.at(body, "/interactive/action/buttons/0/reply").put("title", twentyEmoji);

        Http.Answer answer = http.postJson(MESSAGES, Fixtures.write(body));

        assertThat(twentyEmoji.length()).isEqualTo(40);
        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(200);
    }

    @Test
    void acceptsEveryLimitExactlyAtItsMaximum() {
        ObjectNode list = Fixtures.json("list");
        Fixtures.at(list, "/interactive/header").put("text", Fixtures.chars(60));
        Fixtures.at(list, "/interactive/body").put("text", Fixtures.chars(4096));
        Fixtures.at(list, "/interactive/footer").put("text", Fixtures.chars(60));
        Fixtures.at(list, "/interactive/action").put("button", Fixtures.chars(20));
        Fixtures.at(list, "/interactive/action/sections/0").put("title", Fixtures.chars(24)).set("rows", Fixtures.rows(9, "r"));
        Fixtures.at(list, "/interactive/action/sections/0/rows/0").put("id", Fixtures.chars(200)).put("title", Fixtures.chars(24))
                .put("description", Fixtures.chars(72));
        ObjectNode buttons = Fixtures.json("buttons");
        Fixtures.at(buttons, "/interactive/body").put("text", Fixtures.chars(1024));
        Fixtures.at(buttons, "/interactive/action").set("buttons", Fixtures.buttons(3));
        Fixtures.at(buttons, "/interactive/action/buttons/0/reply").put("id", Fixtures.chars(256)).put("title", Fixtures.chars(20));
        ObjectNode text = Fixtures.json("text");
        Fixtures.at(text, "/text").put("body", Fixtures.chars(4096));
        ObjectNode document = Fixtures.json("document-by-link");
        Fixtures.at(document, "/document").put("caption", Fixtures.chars(1024));

        for (JsonNode body : List.of(list, buttons, text, document)) {
            Http.Answer answer = http.postJson(MESSAGES, Fixtures.write(body));
            assertThat(answer.status()).as(body.path("type") + ": " + answer.json()).isEqualTo(200);
        }
    }
}
