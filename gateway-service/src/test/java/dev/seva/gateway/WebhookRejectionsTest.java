package dev.seva.gateway;

import dev.seva.contracts.whatsapp.WebhookSigning;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Topics;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the gateway refuses, and that a refusal writes nothing; what it must still accept (rotated
 * secret, a 2.5 MB payload, a redelivery).
 */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class WebhookRejectionsTest {

    TopicRecords records;
    Devstack devstack;

    @BeforeEach
    void mark() {
        records = TopicRecords.marked(devstack.kafkaBootstrapServers());
    }

    @Test
    void rejectsForgedSignature() {
        byte[] body = Webhooks.fixture("text");
        assertRefused(Webhooks.post(body, WebhookSigning.sign("an-attackers-guess", body)), 401, "signature-invalid");
    }

    @Test
    void rejectsSignatureOverADifferentBody() {
        byte[] body = Webhooks.fixture("text");
        byte[] other = Webhooks.fixture("location");
        assertRefused(Webhooks.post(body, WebhookSigning.sign(Webhooks.SECRET, other)), 401, "signature-invalid");
    }

    @Test
    void rejectsMissingAndMalformedSignatureHeaders() {
        byte[] body = Webhooks.fixture("text");
        assertRefused(Webhooks.post(body, null), 401, "signature-missing");
        assertRefused(Webhooks.post(body, "sha1=" + "ab".repeat(20)), 401, "signature-invalid");
        assertRefused(Webhooks.post(body, "sha256=not-hex-at-all-" + "z".repeat(42)), 401, "signature-invalid");
    }

    @Test
    void rejectsABodyTruncatedAfterSigning() {
        byte[] body = Webhooks.fixture("text");
        String signature = WebhookSigning.sign(Webhooks.SECRET, body);
        assertRefused(Webhooks.post(Arrays.copyOf(body, body.length / 2), signature), 401, "signature-invalid");
    }

    @Test
    void rejectsASignedBodyThatIsNotJson() {
        byte[] truncated = Arrays.copyOf(Webhooks.fixture("text"), 120);
        Response response = Webhooks.postSigned(truncated);
        assertRefused(response, 400, "not-json");
        // The problem never echoes what the citizen wrote.
        assertThat(response.asString()).doesNotContain("Lakshmi").doesNotContain("919876543210");
        assertRefused(Webhooks.postSigned("{\"object\":\"whatsapp_business_account\"} trailing".getBytes(StandardCharsets.UTF_8)), 400, "not-json");
        assertRefused(Webhooks.postSigned(new byte[0]), 400, "not-json");
    }

    @Test
    void rejectsA4MiBBodyWithAProblem() {
        byte[] body = new byte[4 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        assertRefused(Webhooks.postSigned(body), 413, "too-large");
    }

    @Test
    void acceptsASecretBeingRotatedOut() {
        byte[] body = Webhooks.fixture("reaction");
        Response response = Webhooks.post(body, WebhookSigning.sign(Webhooks.PREVIOUS_SECRET, body));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(records.since()).hasSize(1);
    }

    @Test
    void acceptsAValid2Point5MBPayload() throws Exception {
        ObjectNode webhook = (ObjectNode) EventJson.mapper().readTree(Webhooks.fixture("text"));
        ObjectNode value = (ObjectNode) webhook.at("/entry/0/changes/0/value");
        ArrayNode messages = value.putArray("messages");
        String longText = "ఆదాయ ధృవీకరణ పత్రం కోసం దరఖాస్తు ".repeat(500); // Telugu: 3 bytes a letter in UTF-8
        int count = 0;
        while (EventJson.mapper().writeValueAsBytes(webhook).length < 2_500_000) {
            ObjectNode message = messages.addObject();
            message.put("from", "919876543210").put("id", "wamid.BIG" + (count++)).put("timestamp", "1795860000").put("type", "text");
            message.putObject("text").put("body", longText);
        }
        byte[] body = EventJson.mapper().writeValueAsBytes(webhook);
        assertThat(body.length).isBetween(2_500_000, 3 * 1024 * 1024);

        Response response = Webhooks.postSigned(body);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getInt("messages")).isEqualTo(count);
        List<TopicRecords.Seen> seen = records.since();
        assertThat(seen).hasSize(count).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo(Topics.WHATSAPP_INBOUND);
            assertThat(r.value().at("/text/body").asText()).isEqualTo(longText);
        });
    }

    @Test
    void redeliveredWebhookCarriesTheSameEventIds() {
        byte[] body = Webhooks.fixture("multi-entry");
        assertThat(Webhooks.postSigned(body).statusCode()).isEqualTo(200);
        List<TopicRecords.Seen> first = records.since();
        records.mark();
        assertThat(Webhooks.postSigned(body).statusCode()).isEqualTo(200);
        List<TopicRecords.Seen> second = records.since();

        assertThat(second).hasSize(5);
        assertThat(second.stream().map(r -> r.value().get("eventId").asText()).toList())
                .containsExactlyElementsOf(first.stream().map(r -> r.value().get("eventId").asText()).toList());
        assertThat(first.stream().filter(r -> r.topic().equals(Topics.WHATSAPP_INBOUND)).map(r -> r.value().get("eventId").asText()))
                .contains(EventIds.nameBased(Topics.WHATSAPP_INBOUND, "106540352242922", "wamid.HBgMOTE5ODc2NTQzMjEwFQIAEhggMUL00001").toString());
    }

    private void assertRefused(Response response, int status, String problem) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("type")).endsWith("/" + problem);
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(response.jsonPath().getString("title")).isNotBlank();
        assertThat(records.since()).as("nothing may be published for a refused webhook").isEmpty();
    }
}
