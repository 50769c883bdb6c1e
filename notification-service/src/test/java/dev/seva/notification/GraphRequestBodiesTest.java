package dev.seva.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import dev.seva.notification.support.Commands;
import dev.seva.notification.support.Deliveries;
import dev.seva.notification.support.DocumentServiceStub;
import dev.seva.notification.support.GraphCalls;
import dev.seva.notification.support.Kafka;
import dev.seva.notification.support.NotificationTestResource;
import dev.seva.simulator.standin.ApiCall;
import dev.seva.simulator.standin.CitizenMessage;
import dev.seva.simulator.standin.GraphApiStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each kind of whatsapp.outbound.v1 command (the contract's examples) reaches the Graph API as exactly
 * the body Meta documents, on {@code POST /v23.0/{phone-number-id}/messages}, and its wamid is recorded.
 * Documents are fetched from document-service with a valid token and uploaded before the send.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(NotificationTestResource.class)
class GraphRequestBodiesTest {

    static Kafka kafka;
    Devstack devstack;
    GraphApiStandIn meta;
    DocumentServiceStub documents;

    /** What a case needs besides the citizen: a document of its own, a message the citizen sent. */
    record Context(String citizen, String documentId, String inboundWamid, String orderReference, java.time.Instant orderExpiresAt) {
    }

    record Case(String label, String example, String expected, boolean byUserId, BiConsumer<ObjectNode, Context> change) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("text", "text", "text", false, (c, x) -> { }),
                new Case("text to a citizen known only by user id, with link preview", "text", "text-to-user-id", true, (c, x) -> {
                    c.putObject("to").put("userId", x.citizen());
                    c.putObject("text").put("body", "Track it at https://seva.example/t/SEVA-REV-2026-000123").put("previewUrl", true);
                }),
                new Case("interactive list", "list", "list", false, (c, x) -> { }),
                new Case("reply buttons", "buttons", "buttons", false, (c, x) -> { }),
                new Case("template", "template", "template", false, (c, x) -> { }),
                new Case("template with a document header and a quick-reply button", "template", "template-with-document", false, (c, x) -> {
                    ObjectNode template = c.putObject("template").put("name", "seva_document_ready").put("languageCode", "en");
                    ArrayNode components = template.putArray("components");
                    components.addObject().put("type", "header").putArray("parameters").addObject().put("type", "document")
                            .put("documentId", x.documentId());
                    components.addObject().put("type", "body").putArray("parameters").addObject().put("type", "text")
                            .put("text", "SEVA-REV-2026-000123");
                    components.addObject().put("type", "button").put("subType", "quick_reply").put("index", 0)
                            .putArray("parameters").addObject().put("type", "payload").put("payload", "status:SEVA-REV-2026-000123");
                }),
                new Case("document: fetched, uploaded, sent by media id", "document", "document", false,
                        (c, x) -> ((ObjectNode) c.get("document")).put("documentId", x.documentId())),
                new Case("mark as read", "mark-read", "mark-read", false,
                        (c, x) -> ((ObjectNode) c.get("markRead")).put("messageId", x.inboundWamid())),
                new Case("order details (Review and pay): amounts as value and offset 100, payment_settings, the seller", "order-details",
                        "order-details", false, (c, x) -> ((ObjectNode) c.get("orderDetails")).put("referenceId", x.orderReference())
                                .put("receipt", x.orderReference()).put("expiresAt", x.orderExpiresAt().toString())),
                new Case("order status", "order-status", "order-status", false,
                        (c, x) -> ((ObjectNode) c.get("orderStatus")).put("referenceId", x.orderReference())));
    }

    @BeforeEach
    void connect() {
        if (kafka == null) {
            kafka = new Kafka(devstack.kafkaBootstrapServers());
        }
    }

    @AfterAll
    static void disconnect() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sendsExactlyMetasBodyToTheNumbersMessagesPath(Case c) {
        String citizen = c.byUserId() ? "IN." + UUID.randomUUID().toString().replace("-", "").substring(0, 16) : Commands.newCitizen();
        String documentId = "doc_" + UUID.randomUUID().toString().substring(0, 12);
        byte[] pdf = ("%PDF-1.7 certificate " + documentId).getBytes();
        documents.put(documentId, pdf);
        String inbound = c.example().equals("mark-read") ? meta.citizenSends(citizen, CitizenMessage.text("hi")) : null;
        // Meta: a reference id is used once per business; an order expires at least 300 s after it is sent.
        String orderReference = "SEVA-REV-2026-" + (100000 + new java.util.Random().nextInt(900000)) + "-1";
        java.time.Instant orderExpiresAt = java.time.Instant.now().plus(Duration.ofHours(24)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Context context = new Context(citizen, documentId, inbound, orderReference, orderExpiresAt);
        if (c.example().equals("order-status")) {
            // Meta moves the status of an order it knows: the order_details message for it first.
            Commands.Command order = Commands.example("order-details", citizen, node -> ((ObjectNode) node.get("orderDetails"))
                    .put("referenceId", orderReference).put("receipt", orderReference).put("expiresAt", orderExpiresAt.toString()));
            Commands.send(kafka, order);
            GraphCalls.awaitAccepted(meta, order.id());
        }
        Commands.Command command = Commands.example(c.example(), citizen, node -> c.change().accept(node, context));

        Commands.send(kafka, command);

        ApiCall call = inbound == null ? GraphCalls.awaitAccepted(meta, command.id()) : awaitMarkRead(inbound);
        JsonPath delivery = Deliveries.awaitState(command.id(), "accepted");
        Map<String, String> values = new HashMap<>(Map.of("to", citizen, "commandId", command.id().toString(), "orderReference", orderReference,
                "orderExpiresAt", Long.toString(orderExpiresAt.getEpochSecond())));
        if (inbound != null) {
            values.put("inboundWamid", inbound);
        }
        String mediaId = call.body().at("/document/id").asText(call.body().at("/template/components/0/parameters/0/document/id").asText(null));
        if (mediaId != null) {
            values.put("mediaId", mediaId);
            assertThat(meta.media().get(mediaId).orElseThrow().bytes()).isEqualTo(pdf);
            assertThat(documents.fetches(documentId)).isEqualTo(1);
        }
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/v23.0/106540352242922/messages");
        assertThat(call.body()).isEqualTo(GraphCalls.expected(c.expected(), values));
        assertThat(delivery.getString("kind")).isEqualTo(io.restassured.path.json.JsonPath.from(command.json()).getString("kind"));
        assertThat(delivery.getInt("attempts")).isEqualTo(1);
        if (inbound == null) {
            assertThat(delivery.getString("wamid")).isEqualTo(call.wamid());
        }
        assertThat(Deliveries.get(command.id()).asString()).doesNotContain(citizen);
    }

    private ApiCall awaitMarkRead(String inbound) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !GraphCalls.matching(meta, call -> isMarkRead(call, inbound)).isEmpty());
        return GraphCalls.matching(meta, call -> isMarkRead(call, inbound)).get(0);
    }

    private static boolean isMarkRead(ApiCall call, String inbound) {
        JsonNode body = call.body();
        return call.status() == 200 && body != null && inbound.equals(body.path("message_id").asText());
    }
}
