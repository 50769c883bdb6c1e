package dev.seva.payment.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.ContractAssertions;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Topics;
import dev.seva.devstack.Devstack;
import dev.seva.payment.domain.WebhookSignature;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What payment-service's tests share: the records conversation-service and the gateway would produce (checked
 * against their contracts before they are sent), the events payment-service produced on payments.events.v1 (every one
 * checked against the contract as it is read), signed Razorpay webhooks, rows, and OIDC tokens of the test server.
 */
public final class Payments {

    public static final String WEBHOOK_SECRET = "seva-dev-razorpay-webhook-secret";
    public static final String PHONE_NUMBER_ID = "106540352242922";
    private static final List<JsonNode> EVENTS = new ArrayList<>();
    private static KafkaProducer<String, String> producer;
    private static KafkaConsumer<String, String> events;
    private static Devstack devstack;

    private Payments() {
    }

    public static synchronized void connect(Devstack stack) {
        if (producer != null) {
            return;
        }
        devstack = stack;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "payment-test-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        events = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
        events.subscribe(List.of(Topics.PAYMENTS_EVENTS));
    }

    /** An application reference and order id of its own for each test: SEVA-REV-2026-NNNNNNNNN-attempt. */
    public static String newApplication() {
        return String.format("SEVA-REV-2026-%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
    }

    public static String citizen() {
        return "cit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    /** payment.order.requested as conversation-service writes it. */
    public static ObjectNode orderRequested(String applicationRef, int attempt, String citizenRef, long paise, Instant expiresAt, boolean refundable) {
        ObjectNode o = EventJson.mapper().createObjectNode();
        o.put("eventId", UUID.randomUUID().toString()).put("eventType", "payment.order.requested").put("occurredAt", Instant.now().toString());
        o.put("orderId", applicationRef + "-" + attempt).put("applicationRef", applicationRef).put("departmentId", "revenue");
        o.put("serviceId", "rev-income-certificate").put("citizenRef", citizenRef).put("purpose", "application_fee").put("currency", "INR");
        o.put("amountPaise", paise).put("taxPaise", 0);
        o.putArray("items").addObject().put("code", "rev-income-certificate").put("name", "Income certificate: application fee")
                .put("amountPaise", paise).put("quantity", 1);
        o.put("refundable", refundable).put("expiresAt", expiresAt.toString()).put("phoneNumberId", PHONE_NUMBER_ID)
                .put("paymentConfiguration", "seva-razorpay").put("attempt", attempt);
        return o;
    }

    public static ObjectNode orderWithdrawn(String orderId, String citizenRef, String reason) {
        ObjectNode o = EventJson.mapper().createObjectNode();
        o.put("eventId", UUID.randomUUID().toString()).put("eventType", "payment.order.withdrawn").put("occurredAt", Instant.now().toString());
        o.put("orderId", orderId).put("applicationRef", orderId.substring(0, orderId.lastIndexOf('-'))).put("departmentId", "revenue");
        o.put("citizenRef", citizenRef).put("reason", reason);
        return o;
    }

    /** whatsapp.payments.v1 as the gateway writes it (the recipient's number is there: payment-service must ignore it). */
    public static ObjectNode whatsAppPayment(String orderId, String status, String gatewayOrderId, String paymentId, String transactionStatus) {
        ObjectNode w = EventJson.mapper().createObjectNode();
        w.put("eventId", UUID.randomUUID().toString()).put("eventType", "whatsapp.payment.received").put("occurredAt", Instant.now().toString())
                .put("receivedAt", Instant.now().toString()).put("businessAccountId", "102290129340398").put("phoneNumberId", PHONE_NUMBER_ID)
                .put("statusId", "gBGG" + UUID.randomUUID().toString().replace("-", "")).put("referenceId", orderId).put("status", status)
                .put("amountPaise", 4500).put("currency", "INR");
        w.putObject("recipient").put("waId", "919876543210");
        ObjectNode t = w.putObject("transaction");
        t.put("id", gatewayOrderId).put("pgTransactionId", paymentId).put("type", "razorpay").put("status", transactionStatus).put("method", "upi");
        return w;
    }

    public static void send(String topic, String key, JsonNode event) throws Exception {
        ContractAssertions.assertConforms(topic, event.toString());
        producer.send(new ProducerRecord<>(topic, key, event.toString())).get();
    }

    /** Every payments.events.v1 event of this order read so far (waits up to a few seconds for more). */
    public static List<JsonNode> eventsOf(String orderId) {
        poll();
        synchronized (EVENTS) {
            return EVENTS.stream().filter(e -> orderId.equals(e.path("orderId").asText())).toList();
        }
    }

    public static List<JsonNode> eventsOf(String orderId, String eventType) {
        return eventsOf(orderId).stream().filter(e -> eventType.equals(e.path("eventType").asText())).toList();
    }

    /** Waits for the first event of that type for the order. */
    public static JsonNode awaitEvent(String orderId, String eventType) {
        await().atMost(Duration.ofSeconds(45)).until(() -> !eventsOf(orderId, eventType).isEmpty());
        return eventsOf(orderId, eventType).get(0);
    }

    private static void poll() {
        synchronized (EVENTS) {
            for (ConsumerRecord<String, String> r : events.poll(Duration.ofMillis(200))) {
                ContractAssertions.assertConforms(Topics.PAYMENTS_EVENTS, r.value());
                JsonNode json = read(r.value());
                assertThat(r.key()).as("keyed by citizenRef").isEqualTo(json.path("citizenRef").asText());
                EVENTS.add(json);
            }
        }
    }

    /** POSTs a Razorpay webhook signed with the webhook secret (or with {@code signature} when given). */
    public static Response razorpayWebhook(String eventId, String body, String signature) {
        var request = given().contentType("application/json").body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .header("x-razorpay-event-id", eventId);
        if (signature != null) {
            request.header("X-Razorpay-Signature", signature);
        }
        return request.post("/webhooks/razorpay");
    }

    public static Response signedRazorpayWebhook(String eventId, String body) {
        return razorpayWebhook(eventId, body, new WebhookSignature(WEBHOOK_SECRET).sign(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** A Razorpay webhook envelope with a payment entity (and an order entity with its receipt, for order.paid). */
    public static String paymentWebhook(String event, String paymentId, String gatewayOrderId, String receipt, String status) {
        ObjectNode root = EventJson.mapper().createObjectNode();
        root.put("entity", "event").put("account_id", "acc_SevaTest").put("event", event);
        root.putArray("contains").add("payment");
        ObjectNode payload = root.putObject("payload");
        payload.putObject("payment").putObject("entity").put("id", paymentId).put("entity", "payment").put("amount", 4500).put("currency", "INR")
                .put("status", status).put("order_id", gatewayOrderId).put("method", "upi").put("contact", "+919876543210").putArray("notes");
        if (receipt != null) {
            payload.putObject("order").putObject("entity").put("id", gatewayOrderId).put("entity", "order").put("receipt", receipt).put("status", "paid");
        }
        root.put("created_at", Instant.now().getEpochSecond());
        return root.toString();
    }

    public static String refundWebhook(String event, String refundId, String paymentId, String status) {
        ObjectNode root = EventJson.mapper().createObjectNode();
        root.put("entity", "event").put("account_id", "acc_SevaTest").put("event", event);
        root.putArray("contains").add("refund");
        root.putObject("payload").putObject("refund").putObject("entity").put("id", refundId).put("entity", "refund").put("amount", 4500)
                .put("payment_id", paymentId).put("status", status);
        root.put("created_at", Instant.now().getEpochSecond());
        return root.toString();
    }

    /** A token as the realm would issue it (signed by the OIDC test server's key), realm roles in realm_access.roles. */
    public static String token(String user, String... roles) {
        return Jwt.preferredUserName(user).claim("realm_access", Map.of("roles", List.of(roles))).issuer("https://server.example.com")
                .audience("https://service.example.com").sign();
    }

    public static String text(String sql, Object... params) throws Exception {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    public static long count(String sql, Object... params) throws Exception {
        String value = text(sql, params);
        return value == null ? 0 : Long.parseLong(value);
    }

    public static void execute(String sql, Object... params) throws Exception {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }

    static Connection connection() throws Exception {
        var pg = devstack.postgres();
        return DriverManager.getConnection(pg.jdbcUrl("payment"), pg.user(), pg.password());
    }

    public static JsonNode read(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
