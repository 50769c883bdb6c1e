package dev.seva.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.ContractAssertions;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.seva.gateway.Citizens.NODES;
import static dev.seva.gateway.Citizens.message;
import static dev.seva.gateway.Citizens.messageId;
import static dev.seva.gateway.Citizens.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Aadhaar number never reaches Kafka in clear: checked on the real broker's topics (inbound and both
 * dead-letter topics) with a stand-in vault-service over real HTTP ({@link FakeVault}).
 */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
@QuarkusTestResource(FakeVaultResource.class)
class AadhaarBeforeKafkaTest {

    // 2345 6789 0124 is Verhoeff-valid; 2345 6789 0125 is a near miss (one digit off).
    static final String VALID = "234567890124";
    static final String NEAR_MISS = "234567890125";
    static final String CITIZEN = "919876543210";
    static final Pattern TOKEN = Pattern.compile("\\[Aadhaar XXXX XXXX 0124, (aad_[A-Za-z0-9_-]+)]");
    TopicRecords records;

    Devstack devstack;
    FakeVault vault;

    @BeforeEach
    void setUp() {
        vault.reset();
        records = TopicRecords.marked(devstack.kafkaBootstrapServers());
    }

    @Test
    void everyFreeTextPartOfEveryMessageTypeIsPublishedWithTheTokenNotTheDigits() throws Exception {
        String grouped = "2345 6789 0124";
        ObjectNode image = message(messageId(), "image");
        image.putObject("image").put("id", "1479537139650973").put("mime_type", "image/jpeg")
                .put("caption", "my card " + grouped);
        ObjectNode document = message(messageId(), "document");
        document.putObject("document").put("id", "1479537139650974").put("filename", "aadhaar-" + VALID + ".pdf");
        ObjectNode location = message(messageId(), "location");
        location.putObject("location").put("latitude", 17.385).put("longitude", 78.4867)
                .put("name", "house of 2345-6789-0124").put("address", "Road 1, " + grouped);
        ObjectNode list = message(messageId(), "interactive");
        list.putObject("interactive").put("type", "list_reply").putObject("list_reply")
                .put("id", "row-1").put("title", grouped).put("description", "aadhaar " + grouped);
        ObjectNode flow = message(messageId(), "interactive");
        flow.putObject("interactive").put("type", "nfm_reply").putObject("nfm_reply").put("name", "flow")
                .put("body", "Sent " + grouped)
                .put("response_json", "{\"aadhaar\":" + VALID + ",\"note\":\"" + grouped + "\",\"flow_token\":\"ft\"}");
        ObjectNode button = message(messageId(), "button");
        button.putObject("button").put("payload", "p " + grouped).put("text", "t " + grouped);
        ObjectNode contacts = message(messageId(), "contacts");
        ObjectNode card = contacts.putArray("contacts").addObject();
        card.putObject("name").put("formatted_name", "Ravi " + grouped).put("first_name", "Ravi");
        card.putArray("phones").addObject().put("phone", "+91 98480 22338").put("wa_id", "919848022338").put("type", "CELL");
        ObjectNode order = message(messageId(), "order");
        order.putObject("order").put("catalog_id", "c1").put("text", "note " + grouped);
        ObjectNode unsupported = message(messageId(), "a_type_meta_adds_tomorrow");
        unsupported.putObject("a_type_meta_adds_tomorrow").put("note", grouped);
        ObjectNode plain = text(messageId(), "my aadhaar is " + grouped + ", again " + VALID);
        List<ObjectNode> messages = List.of(plain, image, document, location, list, flow, button, contacts, order, unsupported);

        Response response = Webhooks.postSigned(Citizens.webhook(CITIZEN, "Lakshmi " + grouped, messages));

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getInt("messages")).isEqualTo(messages.size());
        List<TopicRecords.Seen> seen = records.since();
        assertThat(seen).hasSize(messages.size()).allSatisfy(r -> assertThat(r.topic()).isEqualTo(Topics.WHATSAPP_INBOUND));
        assertNoClearNumber(seen, VALID);
        Map<String, JsonNode> byType = seen.stream().collect(Collectors.toMap(
                r -> r.value().path("messageId").asText(), TopicRecords.Seen::value));

        // The one number of the webhook was tokenized once (a distinct number, one call), by the gateway's secret, unbound.
        assertThat(vault.calls()).hasSize(1);
        FakeVault.Call call = vault.calls().get(0);
        assertThat(call.authorization()).isEqualTo("Bearer " + FakeVault.SECRET);
        assertThat(call.body().path("number").asText()).isEqualTo(VALID);
        assertThat(call.body().has("citizenRef")).isFalse();
        String token = tokenIn(byType.get(plain.get("id").asText()).at("/text/body").asText());
        assertThat(vault.numberOf(token)).isEqualTo(VALID);

        String tokenized = "[Aadhaar XXXX XXXX 0124, " + token + "]";
        assertThat(byType.get(plain.get("id").asText()).at("/text/body").asText())
                .isEqualTo("my aadhaar is " + tokenized + ", again " + tokenized);
        assertThat(byType.get(plain.get("id").asText()).at("/profile/name").asText()).isEqualTo("Lakshmi " + tokenized);
        assertThat(byType.get(image.get("id").asText()).at("/media/caption").asText()).isEqualTo("my card " + tokenized);
        assertThat(byType.get(document.get("id").asText()).at("/media/filename").asText()).isEqualTo("aadhaar-" + tokenized + ".pdf");
        assertThat(byType.get(location.get("id").asText()).at("/location/name").asText()).isEqualTo("house of " + tokenized);
        assertThat(byType.get(location.get("id").asText()).at("/location/address").asText()).isEqualTo("Road 1, " + tokenized);
        JsonNode listReply = byType.get(list.get("id").asText()).at("/interactive");
        assertThat(listReply.path("title").asText()).isEqualTo(tokenized);
        assertThat(listReply.path("description").asText()).isEqualTo("aadhaar " + tokenized);
        assertThat(listReply.path("id").asText()).isEqualTo("row-1");
        JsonNode flowReply = byType.get(flow.get("id").asText()).at("/interactive");
        assertThat(flowReply.path("flowBody").asText()).isEqualTo("Sent " + tokenized);
        JsonNode answers = EventJson.mapper().readTree(flowReply.path("flowResponseJson").asText());
        assertThat(answers.path("aadhaar").asText()).as("a number sent as a JSON number").isEqualTo(tokenized);
        assertThat(answers.path("note").asText()).isEqualTo(tokenized);
        assertThat(answers.path("flow_token").asText()).isEqualTo("ft");
        assertThat(byType.get(button.get("id").asText()).at("/button/text").asText()).isEqualTo("t " + tokenized);
        assertThat(byType.get(button.get("id").asText()).at("/button/payload").asText()).isEqualTo("p " + tokenized);
        JsonNode publishedCard = byType.get(contacts.get("id").asText()).at("/contacts/0");
        assertThat(publishedCard.at("/name/formatted_name").asText()).isEqualTo("Ravi " + tokenized);
        assertThat(publishedCard.at("/phones/0/wa_id").asText()).as("a shared contact's phone number is not an Aadhaar").isEqualTo("919848022338");
        assertThat(byType.get(order.get("id").asText()).at("/order/text").asText()).isEqualTo("note " + tokenized);
        JsonNode raw = byType.get(unsupported.get("id").asText());
        assertThat(raw.path("type").asText()).isEqualTo("unsupported");
        assertThat(raw.at("/raw/a_type_meta_adds_tomorrow/note").asText()).isEqualTo(tokenized);
        assertThat(raw.at("/raw/from").asText()).as("the sender's id stays as it is").isEqualTo(CITIZEN);
        seen.forEach(r -> ContractAssertions.assertConforms(r.topic(), r.value()));
    }

    @Test
    void aNearMissIsMaskedWithoutAVaultCall() {
        String id = messageId();
        Response response = Webhooks.postSigned(Citizens.webhook(CITIZEN, "Lakshmi", List.of(text(id, "it is 2345 6789 0125"))));

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        List<TopicRecords.Seen> seen = records.since();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).value().at("/text/body").asText()).isEqualTo("it is [Aadhaar XXXX XXXX 0125]");
        assertNoClearNumber(seen, NEAR_MISS);
        assertThat(vault.calls()).as("nothing valid to tokenize").isEmpty();
    }

    @Test
    void aMessageWithoutAnAadhaarShapedNumberCallsNoVault() {
        // Tried: a phone number, a PIN code, and a sender whose WhatsApp id is twelve digits.
        String body = "hello, call me on 98765 43210, PIN 500001";
        Response response = Webhooks.postSigned(Citizens.webhook(CITIZEN, "Lakshmi", List.of(text(messageId(), body))));

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        List<TopicRecords.Seen> seen = records.since();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).value().at("/text/body").asText()).isEqualTo(body);
        assertThat(vault.calls()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = FakeVault.Mode.class, names = {"DOWN", "FAILING", "HANGING", "REFUSING"})
    void withTheVaultUnavailableTheWebhookIs503AndNothingReachesAnyTopicUntilTheRedelivery(FakeVault.Mode mode) {
        String withNumber = messageId();
        String without = messageId();
        byte[] body = Citizens.webhook(CITIZEN, "Lakshmi", List.of(text(withNumber, "aadhaar 2345 6789 0124"), text(without, "hello")));
        vault.mode(mode);

        long started = System.nanoTime();
        Response during = Webhooks.postSigned(body);

        assertThat(during.statusCode()).as(during.asString()).isEqualTo(503);
        assertThat(during.jsonPath().getString("type")).endsWith("/vault-unavailable");
        assertThat(during.asString()).doesNotContain("0124");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the vault timeout (1s in tests) bounds the wait")
                .isLessThan(Duration.ofSeconds(5));
        // Nothing of the webhook, not even its message without a number, on any topic or dead-letter topic.
        assertThat(records.since()).isEmpty();

        // Meta redelivers; the vault is back: the whole webhook is published, with the same eventIds.
        vault.mode(FakeVault.Mode.UP);
        Response redelivery = Webhooks.postSigned(body);
        assertThat(redelivery.statusCode()).as(redelivery.asString()).isEqualTo(200);
        List<TopicRecords.Seen> seen = records.since();
        assertNoClearNumber(seen, VALID);
        assertThat(seen).extracting(r -> r.value().path("eventId").asText()).containsExactly(
                EventIds.nameBased(Topics.WHATSAPP_INBOUND, Citizens.PHONE_NUMBER_ID, withNumber).toString(),
                EventIds.nameBased(Topics.WHATSAPP_INBOUND, Citizens.PHONE_NUMBER_ID, without).toString());
        assertThat(tokenIn(seen.get(0).value().at("/text/body").asText())).startsWith("aad_");
    }

    @Test
    void anUnreadableMessageIsDeadLetteredWithItsNumberMasked() {
        // A message without an id cannot become an event: it goes raw to the dead-letter topic, masked (no vault call).
        ObjectNode noId = NODES.objectNode().put("from", CITIZEN).put("timestamp", "1795860000").put("type", "text");
        noId.putObject("text").put("body", "aadhaar 2345 6789 0124");

        Response response = Webhooks.postSigned(Citizens.webhook(CITIZEN, "Lakshmi", List.of(noId)));

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        List<TopicRecords.Seen> seen = records.since();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).topic()).isEqualTo(Topics.WHATSAPP_INBOUND_DLQ);
        assertThat(seen.get(0).value().at("/item/text/body").asText()).isEqualTo("aadhaar [Aadhaar XXXX XXXX 0124]");
        assertThat(seen.get(0).value().at("/item/from").asText()).isEqualTo(CITIZEN);
        assertNoClearNumber(seen, VALID);
        assertThat(vault.calls()).isEmpty();
    }

    @Test
    void aMessageThatBreaksItsContractIsDeadLetteredWithTheToken() {
        // A text over the contract's 65,536 characters: dead-lettered after the number was tokenized.
        String body = "x".repeat(70_000) + " 2345 6789 0124";
        Response response = Webhooks.postSigned(Citizens.webhook(CITIZEN, "Lakshmi", List.of(text(messageId(), body))));

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getInt("deadLetters")).isEqualTo(1);
        List<TopicRecords.Seen> seen = records.since();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).topic()).isEqualTo(Topics.WHATSAPP_INBOUND_DLQ);
        assertNoClearNumber(seen, VALID);
        assertThat(seen.get(0).value().at("/text/body").asText()).contains("[Aadhaar XXXX XXXX 0124, aad_");
    }

    /** The digits appear nowhere (value, key, headers) in any of the forms a citizen types them. */
    static void assertNoClearNumber(List<TopicRecords.Seen> seen, String digits) {
        String grouped = digits.substring(0, 4) + " " + digits.substring(4, 8) + " " + digits.substring(8);
        String hyphens = grouped.replace(' ', '-');
        for (TopicRecords.Seen record : seen) {
            String all = record.value().toString() + " " + record.key() + " " + record.headers();
            assertThat(all).as("%s record %s", record.topic(), record.value().path("messageId"))
                    .doesNotContain(digits).doesNotContain(grouped).doesNotContain(hyphens);
        }
    }

    static String tokenIn(String text) {
        Matcher m = TOKEN.matcher(text);
        assertThat(m.find()).as("a token in %s", text).isTrue();
        return m.group(1);
    }
}
