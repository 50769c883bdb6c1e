package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.whatsapp.WebhookSigning;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** After accepting a message the stand-in posts sent, delivered and read (or failed) as Meta does: shaped and signed like Meta's. */
class StatusWebhooksTest {

    static final String SECRET = "status-webhook-secret";
    static final String MESSAGES = "/v23.0/106540352242922/messages";

    WebhookReceiver gateway;
    GraphApiStandIn meta;
    Http http;

    @BeforeEach
    void start() {
        gateway = new WebhookReceiver();
        start(StandInConfig.defaults().toBuilder());
    }

    private void start(StandInConfig.Builder config) {
        if (meta != null) {
            meta.close();
        }
        meta = GraphApiStandIn.start(0, config.appSecret(SECRET).webhookUrl(gateway.url())
                .webhookDelivery(new StandInConfig.WebhookDelivery(3, Duration.ofMillis(50))).build());
        http = new Http(meta.baseUrl());
    }

    @AfterEach
    void stop() {
        meta.close();
        gateway.close();
    }

    @Test
    void postsSentDeliveredAndReadEachInItsOwnSignedWebhook() {
        String body = Fixtures.text("text", Map.of()).replace("}\n}", "},\n\"biz_opaque_callback_data\": \"command-42\"\n}");
        String wamid = http.postJson(MESSAGES, body).json().at("/messages/0/id").asText();

        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.statusesOf(wamid).size() == 3);

        for (WebhookReceiver.Received webhook : gateway.received()) {
            assertThat(webhook.signature()).isEqualTo(WebhookSigning.sign(SECRET, webhook.body()));
            assertThat(webhook.json().get("object").asText()).isEqualTo("whatsapp_business_account");
            assertThat(webhook.json().at("/entry/0/id").asText()).isEqualTo("102290129340398");
            assertThat(webhook.json().at("/entry/0/changes/0/field").asText()).isEqualTo("messages");
            JsonNode value = webhook.json().at("/entry/0/changes/0/value");
            assertThat(value.get("messaging_product").asText()).isEqualTo("whatsapp");
            assertThat(value.at("/metadata/phone_number_id").asText()).isEqualTo("106540352242922");
            assertThat(value.at("/metadata/display_phone_number").asText()).isEqualTo("15550783881");
            assertThat(value.get("statuses")).hasSize(1);
        }
        List<JsonNode> statuses = gateway.statusesOf(wamid);
        // Posted 50 ms apart on pooled connections: a stall can reorder their arrival (Meta does not
        // promise the order either; the gateway and notification-service cope with any order).
        assertThat(statuses).extracting(s -> s.get("status").asText()).containsExactlyInAnyOrder("sent", "delivered", "read");
        JsonNode sent = statuses.stream().filter(s -> s.get("status").asText().equals("sent")).findFirst().orElseThrow();
        assertThat(sent.get("recipient_id").asText()).isEqualTo("919876543210");
        assertThat(sent.get("timestamp").asText()).matches("[0-9]{10}");
        assertThat(sent.get("biz_opaque_callback_data").asText()).isEqualTo("command-42");
        assertThat(sent.at("/conversation/id").asText()).matches("[0-9a-f]{32}");
        assertThat(sent.at("/conversation/expiration_timestamp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
        assertThat(sent.at("/conversation/origin/type").asText()).isEqualTo("service");
        assertThat(sent.get("pricing").toString())
                .isEqualTo("{\"billable\":false,\"pricing_model\":\"PMP\",\"category\":\"service\",\"type\":\"free_customer_service\"}");
        assertThat(statuses.get(1).has("conversation")).isTrue();
        assertThat(statuses.get(1).at("/conversation/expiration_timestamp").isMissingNode()).isTrue();
        assertThat(statuses.get(2).has("pricing")).isFalse();
        assertThat(meta.conversations().find(wamid).orElseThrow().statuses()).extracting(LoggedMessage.StatusChange::status)
                .containsExactly("sent", "delivered", "read");
    }

    @Test
    void reportsAnUndeliverableRecipientAsFailedWith131026() {
        meta.faults().apply(FaultSettings.undeliverable("919876543210"));

        Http.Answer answer = http.postJson(MESSAGES, Fixtures.text("text", Map.of()));
        String wamid = answer.json().at("/messages/0/id").asText();

        assertThat(answer.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.statusesOf(wamid).size() == 1);
        JsonNode failed = gateway.statusesOf(wamid).get(0);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.at("/errors/0/code").asInt()).isEqualTo(131026);
        assertThat(failed.at("/errors/0/title").asText()).isEqualTo("Message undeliverable");
        assertThat(failed.at("/errors/0/error_data/details").asText()).isNotEmpty();
        assertThat(meta.conversations().find(wamid).orElseThrow().status()).isEqualTo("failed");
    }

    @Test
    void reportsTheWindowAsAFailedStatusWhenConfiguredSo() {
        start(StandInConfig.defaults().toBuilder()
                .serviceWindow(new StandInConfig.ServiceWindow(true, StandInConfig.ServiceWindow.ErrorDelivery.WEBHOOK)));

        Http.Answer answer = http.postJson(MESSAGES, Fixtures.text("text", Map.of()));
        String wamid = answer.json().at("/messages/0/id").asText();

        assertThat(answer.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.statusesOf(wamid).size() == 1);
        assertThat(gateway.statusesOf(wamid).get(0).at("/errors/0/code").asInt()).isEqualTo(131047);
    }

    @Test
    void namesAUserIdRecipientAsRecipientUserId() {
        String wamid = http.postJson(MESSAGES, Fixtures.text("text-to-user-id", Map.of())).json().at("/messages/0/id").asText();

        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.statusesOf(wamid).size() == 3);
        JsonNode sent = gateway.statusesOf(wamid).get(0);
        assertThat(sent.get("recipient_user_id").asText()).isEqualTo("IN.1357924680135792");
        assertThat(sent.has("recipient_id")).isFalse();
    }

    @Test
    void retriesAWebhookTheReceiverRefusedUntilItIsTaken() {
        gateway.answerNext(503, 500);

        String wamid = http.postJson(MESSAGES, Fixtures.text("text", Map.of())).json().at("/messages/0/id").asText();

        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.statusesOf(wamid).stream()
                .filter(s -> s.get("status").asText().equals("read")).count() == 1
                && gateway.statusesOf(wamid).stream().filter(s -> s.get("status").asText().equals("sent")).count() >= 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> meta.webhookCounts()[0] == 3);
        assertThat(gateway.received()).hasSize(5);
    }
}
