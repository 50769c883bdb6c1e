package dev.seva.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.ContractAssertions;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Topics;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Table-driven over Meta-shaped fixtures (src/test/resources/whatsapp/webhooks): each signed webhook
 * gets the expected answer and writes exactly the expected records to the real broker: topic, key,
 * headers and value, compared with expected/<fixture>.records.json (receivedAt aside, which is the
 * moment of the test). Run with -Dgolden.update=true to rewrite those files, then review the diff.
 */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class WebhookFixturesTest {

    static final List<String> TOPICS = List.of(Topics.WHATSAPP_INBOUND, Topics.WHATSAPP_STATUS, Topics.WHATSAPP_PAYMENTS,
            Topics.WHATSAPP_INBOUND_DLQ, Topics.WHATSAPP_STATUS_DLQ, Topics.WHATSAPP_PAYMENTS_DLQ);
    static final Path EXPECTED = Path.of("src/test/resources/whatsapp/webhooks/expected");
    TopicRecords records;

    Devstack devstack;

    /** A fixture, the answer expected, and what the answer counts (messages, statuses, dead letters). */
    record Case(String label, String fixture, int status, int messages, int statuses, int deadLetters) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("text message", "text", 200, 1, 0, 0),
                new Case("reply button tapped", "interactive-button-reply", 200, 1, 0, 0),
                new Case("list row chosen", "interactive-list-reply", 200, 1, 0, 0),
                new Case("WhatsApp Flow answered (nfm_reply)", "interactive-nfm-reply", 200, 1, 0, 0),
                new Case("template quick-reply button", "button-template-reply", 200, 1, 0, 0),
                new Case("shared location", "location", 200, 1, 0, 0),
                new Case("image", "image", 200, 1, 0, 0),
                new Case("document", "document", 200, 1, 0, 0),
                new Case("audio file", "audio", 200, 1, 0, 0),
                new Case("voice note", "voice", 200, 1, 0, 0),
                new Case("video", "video", 200, 1, 0, 0),
                new Case("sticker", "sticker", 200, 1, 0, 0),
                new Case("contact card", "contacts", 200, 1, 0, 0),
                new Case("reaction", "reaction", 200, 1, 0, 0),
                new Case("catalogue order", "order", 200, 1, 0, 0),
                new Case("system notice: number changed", "system", 200, 1, 0, 0),
                new Case("unsupported type from Meta, raw kept", "unknown-message-type", 200, 1, 0, 0),
                new Case("a type Meta adds tomorrow, raw kept", "brand-new-message-type", 200, 1, 0, 0),
                new Case("status sent", "status-sent", 200, 0, 1, 0),
                new Case("status delivered", "status-delivered", 200, 0, 1, 0),
                new Case("status read", "status-read", 200, 0, 1, 0),
                new Case("status failed with its errors", "status-failed", 200, 0, 1, 0),
                new Case("status deleted", "status-deleted", 200, 0, 1, 0),
                new Case("payment captured (type payment): on whatsapp.payments.v1, not read as a delivery status", "status-payment-captured", 200, 0, 1, 0),
                new Case("payment failed (type payment): a failed transaction, never a message's failed delivery", "status-payment-failed", 200, 0, 1, 0),
                new Case("payment refunded (refund status \"completed\" read as success)", "status-payment-refunded", 200, 0, 1, 0),
                new Case("payment with an offset other than 100: dead-lettered, the amount not guessed", "status-payment-bad-offset", 200, 0, 0, 1),
                new Case("3 messages and 2 statuses across two entries", "multi-entry", 200, 3, 2, 0),
                new Case("sender known only by business-scoped user id", "user-id-only", 200, 1, 0, 0),
                new Case("unknown field (template status): ignored", "unknown-field", 200, 0, 0, 0),
                new Case("unknown object: ignored", "unknown-object", 200, 0, 0, 0),
                new Case("business number not on the allow-list: ignored", "other-phone-number", 200, 0, 0, 0),
                new Case("unreadable items dead-lettered, the good one published", "malformed-items", 200, 1, 0, 2));
    }

    @BeforeEach
    void connect() {
        records = TopicRecords.marked(devstack.kafkaBootstrapServers());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void signedWebhookWritesExactlyTheExpectedRecords(Case c) throws Exception {
        records.mark();

        Response response = Webhooks.postSigned(Webhooks.fixture(c.fixture()));

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(c.status());
        assertThat(response.jsonPath().getInt("messages")).isEqualTo(c.messages());
        assertThat(response.jsonPath().getInt("statuses")).isEqualTo(c.statuses());
        assertThat(response.jsonPath().getInt("deadLetters")).isEqualTo(c.deadLetters());

        List<TopicRecords.Seen> seen = records.since();
        assertThat(seen).hasSize(c.messages() + c.statuses() + c.deadLetters());
        for (TopicRecords.Seen record : seen) {
            if (!record.topic().endsWith(".dlq")) {
                ContractAssertions.assertConforms(record.topic(), record.value());
                assertThat(record.headers().get("eventId")).isEqualTo(record.value().get("eventId").asText());
                assertThat(record.headers().get("eventType")).isEqualTo(record.value().get("eventType").asText());
            }
        }
        assertMatchesGolden(c.fixture(), normalize(seen));
    }

    /** The records as JSON, with the moment of receipt (different on every run) replaced by a marker. */
    private static ArrayNode normalize(List<TopicRecords.Seen> seen) {
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        for (TopicRecords.Seen record : seen) {
            ObjectNode node = all.addObject();
            node.put("topic", record.topic());
            node.put("key", record.key());
            ObjectNode headers = node.putObject("headers");
            record.headers().forEach((k, v) -> headers.put(k, k.equals("eventId") && record.topic().endsWith(".dlq") ? "<derived>" : v));
            JsonNode value = record.value().deepCopy();
            if (value.has("receivedAt")) {
                ((ObjectNode) value).put("receivedAt", "<receivedAt>");
            }
            node.set("value", value);
        }
        return all;
    }

    private static void assertMatchesGolden(String fixture, ArrayNode actual) throws Exception {
        Path golden = EXPECTED.resolve(fixture + ".records.json");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
        }
        JsonNode expected = EventJson.mapper().readTree(Files.readString(golden));
        assertThat(actual).as("records of %s (golden file %s)", fixture, golden).isEqualTo(expected);
    }
}
