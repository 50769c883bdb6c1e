package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.whatsapp.WebhookSigning;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a citizen does reaches the gateway as the webhook Meta would post, signed with the app secret. */
class CitizenMessagesTest {

    static final String SECRET = "citizen-webhook-secret";
    static WebhookReceiver gateway;
    static GraphApiStandIn meta;
    static Http http;

    @BeforeAll
    static void start() {
        gateway = new WebhookReceiver();
        meta = GraphApiStandIn.start(0, StandInConfig.defaults().toBuilder().appSecret(SECRET).webhookUrl(gateway.url())
                .statusTiming(StandInConfig.StatusTiming.none())
                .webhookDelivery(new StandInConfig.WebhookDelivery(2, Duration.ofMillis(50))).build());
        http = new Http(meta.baseUrl());
    }

    @AfterAll
    static void stop() {
        meta.close();
        gateway.close();
    }

    private static JsonNode lastWebhookFrom(String citizen) {
        var messages = gateway.messagesFrom(citizen);
        WebhookReceiver.Received last = messages.get(messages.size() - 1);
        assertThat(last.signature()).isEqualTo(WebhookSigning.sign(SECRET, last.body()));
        return last.json();
    }

    @Test
    void sendsATextAsMetasWebhookAndAnswersItsWamid() {
        Http.Answer answer = http.postJson("/simulator/citizens/919800000601/messages", "{\"name\":\"Lakshmi Devi\",\"text\":\"hi\"}");

        JsonNode webhook = lastWebhookFrom("919800000601");
        JsonNode value = webhook.at("/entry/0/changes/0/value");
        JsonNode message = value.at("/messages/0");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("webhookStatus").asInt()).isEqualTo(200);
        assertThat(webhook.get("object").asText()).isEqualTo("whatsapp_business_account");
        assertThat(webhook.at("/entry/0/changes/0/field").asText()).isEqualTo("messages");
        assertThat(value.at("/metadata/phone_number_id").asText()).isEqualTo("106540352242922");
        assertThat(value.get("contacts").toString()).isEqualTo("[{\"profile\":{\"name\":\"Lakshmi Devi\"},\"wa_id\":\"919800000601\"}]");
        assertThat(message.get("from").asText()).isEqualTo("919800000601");
        assertThat(message.get("id").asText()).isEqualTo(answer.json().get("wamid").asText()).startsWith("wamid.");
        assertThat(message.get("timestamp").asText()).matches("[0-9]{10}");
        assertThat(message.get("type").asText()).isEqualTo("text");
        assertThat(message.at("/text/body").asText()).isEqualTo("hi");
        assertThat(message.has("context")).isFalse();
    }

    @Test
    void takesAButtonReplysTitleAndContextFromTheMessageThatOfferedIt() {
        String citizen = "919800000602";
        String offered = http.postJson("/v23.0/106540352242922/messages", Fixtures.text("buttons", Map.of()).replace("919876543210", citizen))
                .json().at("/messages/0/id").asText();

        http.postJson("/simulator/citizens/" + citizen + "/messages", "{\"buttonReply\":{\"id\":\"consent:accept\"}}");

        JsonNode message = lastWebhookFrom(citizen).at("/entry/0/changes/0/value/messages/0");
        assertThat(message.get("type").asText()).isEqualTo("interactive");
        assertThat(message.at("/interactive").toString())
                .isEqualTo("{\"type\":\"button_reply\",\"button_reply\":{\"id\":\"consent:accept\",\"title\":\"అంగీకరిస్తున్నాను\"}}");
        assertThat(message.at("/context").toString()).isEqualTo("{\"from\":\"15550783881\",\"id\":\"" + offered + "\"}");
    }

    @Test
    void sendsAListReplyWithTheRowsDescription() {
        String citizen = "919800000603";
        http.postJson("/v23.0/106540352242922/messages", Fixtures.text("list", Map.of()).replace("919876543210", citizen));

        http.postJson("/simulator/citizens/" + citizen + "/messages", "{\"listReply\":{\"id\":\"dept:municipal\"}}");

        JsonNode message = lastWebhookFrom(citizen).at("/entry/0/changes/0/value/messages/0");
        assertThat(message.at("/interactive").toString()).isEqualTo(
                "{\"type\":\"list_reply\",\"list_reply\":{\"id\":\"dept:municipal\",\"title\":\"Municipal\",\"description\":\"Property tax, trade licence\"}}");
    }

    @Test
    void refusesAReplyNoMessageOfferedAsAProblem() {
        Http.Answer answer = http.postJson("/simulator/citizens/919800000604/messages", "{\"buttonReply\":{\"id\":\"nothing:here\"}}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("detail").asText()).contains("nothing:here");
    }

    @Test
    void sharesALocation() {
        http.postJson("/simulator/citizens/919800000605/messages",
                "{\"location\":{\"latitude\":16.506174,\"longitude\":80.648015,\"name\":\"Benz Circle\",\"address\":\"MG Road, Vijayawada\"}}");

        JsonNode message = lastWebhookFrom("919800000605").at("/entry/0/changes/0/value/messages/0");
        assertThat(message.get("type").asText()).isEqualTo("location");
        assertThat(message.at("/location").toString()).isEqualTo(
                "{\"latitude\":16.506174,\"longitude\":80.648015,\"name\":\"Benz Circle\",\"address\":\"MG Road, Vijayawada\"}");
    }

    @Test
    void attachesADocumentThePlatformCanThenDownload() {
        byte[] pdf = "%PDF-1.4 citizen upload".getBytes();
        http.postJson("/simulator/citizens/919800000606/messages", "{\"media\":{\"kind\":\"document\",\"mimeType\":\"application/pdf\","
                + "\"filename\":\"ration-card.pdf\",\"caption\":\"my card\",\"base64\":\"" + Base64.getEncoder().encodeToString(pdf) + "\"}}");

        JsonNode document = lastWebhookFrom("919800000606").at("/entry/0/changes/0/value/messages/0/document");
        String url = http.get("/v23.0/" + document.get("id").asText()).json().get("url").asText();
        assertThat(document.get("filename").asText()).isEqualTo("ration-card.pdf");
        assertThat(document.get("caption").asText()).isEqualTo("my card");
        assertThat(document.get("mime_type").asText()).isEqualTo("application/pdf");
        assertThat(document.get("sha256").asText()).isEqualTo(MediaStore.sha256(pdf));
        assertThat(http.get(url).bytes()).isEqualTo(pdf);
    }

    @Test
    void writesAsACitizenKnownOnlyByTheirBusinessScopedUserId() {
        http.postJson("/simulator/citizens/IN.1357924680135792/messages", "{\"name\":\"Anitha\",\"username\":\"@anitha.v\",\"text\":\"hello\"}");

        JsonNode value = lastWebhookFrom("IN.1357924680135792").at("/entry/0/changes/0/value");
        assertThat(value.get("contacts").toString())
                .isEqualTo("[{\"profile\":{\"name\":\"Anitha\",\"username\":\"@anitha.v\"},\"user_id\":\"IN.1357924680135792\"}]");
        assertThat(value.at("/messages/0/from_user_id").asText()).isEqualTo("IN.1357924680135792");
        assertThat(value.at("/messages/0").has("from")).isFalse();
    }

    @Test
    void sendsThePhoneNumberAndTheUserIdWhenBothAreKnown() {
        http.postJson("/simulator/citizens/919800000607/messages", "{\"userId\":\"IN.2468013579246801\",\"text\":\"hello\"}");

        JsonNode value = lastWebhookFrom("919800000607").at("/entry/0/changes/0/value");
        assertThat(value.at("/contacts/0/wa_id").asText()).isEqualTo("919800000607");
        assertThat(value.at("/contacts/0/user_id").asText()).isEqualTo("IN.2468013579246801");
        assertThat(value.at("/messages/0/from").asText()).isEqualTo("919800000607");
        assertThat(value.at("/messages/0/from_user_id").asText()).isEqualTo("IN.2468013579246801");
    }

    @Test
    void refusesARequestWithTwoActionsOrABadCitizen() {
        Http.Answer two = http.postJson("/simulator/citizens/919800000608/messages", "{\"text\":\"a\",\"listReply\":{\"id\":\"x\"}}");
        Http.Answer bad = http.postJson("/simulator/citizens/not-a-number/messages", "{\"text\":\"a\"}");

        assertThat(two.status()).isEqualTo(400);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(gateway.messagesFrom("919800000608")).isEmpty();
    }

    @Test
    void answers202WhenTheGatewayRefusesAndKeepsRetrying() {
        gateway.answerNext(503);

        Http.Answer answer = http.postJson("/simulator/citizens/919800000609/messages", "{\"text\":\"hi\"}");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get("webhookStatus").asInt()).isEqualTo(503);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> gateway.messagesFrom("919800000609").size() == 2);
    }
}
