package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.simulator.standin.razorpay.RazorpayConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Razorpay's webhooks as the stand-in posts them: the event envelope, X-Razorpay-Signature over the exact
 * bytes with the webhook secret, a unique x-razorpay-event-id, retries on a refusal or a slow answer, and the
 * faults that duplicate, reorder or drop them or announce a failure before the capture.
 */
class RazorpayWebhooksTest {

    static final String MESSAGES = "/v23.0/106540352242922/messages";
    static final String WEBHOOK_SECRET = "razorpay-webhook-test-secret";
    static final Duration WAIT = Duration.ofSeconds(10);

    static RazorpayReceiver receiver;
    static GraphApiStandIn meta;
    static Http http;

    @BeforeAll
    static void start() {
        receiver = new RazorpayReceiver();
        meta = GraphApiStandIn.start(0, StandInConfig.defaults().toBuilder().statusTiming(StandInConfig.StatusTiming.none())
                .razorpay(RazorpayConfig.defaults().withKeys(RazorpayConfig.DEFAULT_KEY_ID, RazorpayConfig.DEFAULT_KEY_SECRET, WEBHOOK_SECRET)
                        .withWebhookUrl(receiver.url()).withWebhookDelivery(Duration.ofMillis(300), Duration.ofMillis(50), Duration.ofSeconds(5)))
                .build());
        http = new Http(meta.baseUrl());
    }

    @AfterAll
    static void stop() {
        meta.close();
        receiver.close();
    }

    @BeforeEach
    void noFaults() {
        assertThat(http.delete("/simulator/razorpay/faults").status()).isEqualTo(200);
    }

    /** A citizen pays an order_details; answers the Razorpay payment id. */
    static String citizenPays(String citizen, String outcome) {
        String reference = OrderFixtures.newReference();
        assertThat(http.postJson(MESSAGES, Fixtures.write(OrderFixtures.orderDetails(reference, citizen))).status()).isEqualTo(200);
        Http.Answer paid = http.postJson("/simulator/citizens/" + citizen + "/payments", "{\"referenceId\":\"" + reference
                + "\",\"outcome\":\"" + outcome + "\"}");
        assertThat(paid.status()).as(String.valueOf(paid.json())).isEqualTo(200);
        return paid.json().get("pgTransactionId").asText();
    }

    static List<String> events(String paymentId) {
        return receiver.about(paymentId).stream().map(RazorpayReceiver.Delivery::event).toList();
    }

    @Test
    void announcesACaptureWithPaymentCapturedAndOrderPaidSignedOverTheExactBytes() {
        String paymentId = citizenPays("919800004001", "success");

        await().atMost(WAIT).until(() -> events(paymentId).size() == 2);

        assertThat(events(paymentId)).containsExactly("payment.captured", "order.paid");
        for (RazorpayReceiver.Delivery d : receiver.about(paymentId)) {
            assertThat(d.signature()).isEqualTo(RazorpayReceiver.sign(WEBHOOK_SECRET, d.body()));
            assertThat(d.eventId()).matches("evt_[A-Za-z0-9]{14}");
            assertThat(d.json().fieldNames()).toIterable().containsExactly("entity", "account_id", "event", "contains", "payload", "created_at");
            assertThat(d.json().get("entity").asText()).isEqualTo("event");
            assertThat(d.json().get("account_id").asText()).isEqualTo("acc_SevaSimulator1");
            assertThat(d.json().at("/payload/payment/entity/status").asText()).isEqualTo("captured");
        }
        assertThat(receiver.about(paymentId).stream().map(RazorpayReceiver.Delivery::eventId).distinct()).hasSize(2);
        JsonNode orderPaid = receiver.about(paymentId).get(1).json();
        assertThat(orderPaid.get("contains").toString()).isEqualTo("[\"payment\",\"order\"]");
        assertThat(orderPaid.at("/payload/order/entity/status").asText()).isEqualTo("paid");
        assertThat(orderPaid.at("/payload/order/entity/receipt").asText()).startsWith("SEVA-REV-2026-");
    }

    @Test
    void announcesAFailedPaymentWithPaymentFailed() {
        String paymentId = citizenPays("919800004002", "failure");

        await().atMost(WAIT).until(() -> events(paymentId).equals(List.of("payment.failed")));
        JsonNode payment = receiver.about(paymentId).get(0).json().at("/payload/payment/entity");
        assertThat(payment.get("status").asText()).isEqualTo("failed");
        assertThat(payment.get("error_code").asText()).isEqualTo("BAD_REQUEST_ERROR");
        assertThat(payment.get("error_reason").asText()).isEqualTo("incorrect_pin");
    }

    @Test
    void retriesARefusedWebhookWithTheSameBytesSignatureAndEventId() {
        receiver.answerNext(500, 503);
        String paymentId = citizenPays("919800004003", "success");

        await().atMost(WAIT).until(() -> events(paymentId).size() == 4);

        for (String event : List.of("payment.captured", "order.paid")) {
            List<RazorpayReceiver.Delivery> deliveries = receiver.about(paymentId).stream().filter(d -> d.event().equals(event)).toList();
            assertThat(deliveries).as(event).hasSize(2);
            assertThat(deliveries.get(1).eventId()).isEqualTo(deliveries.get(0).eventId());
            assertThat(deliveries.get(1).body()).isEqualTo(deliveries.get(0).body());
            assertThat(deliveries.get(1).signature()).isEqualTo(deliveries.get(0).signature());
        }
        String capturedId = receiver.about(paymentId).get(0).eventId();
        await().atMost(WAIT).until(() -> http.get("/simulator/razorpay/events").json().get("events").findValues("id").stream()
                .anyMatch(id -> id.asText().equals(capturedId)));
    }

    @Test
    void retriesAWebhookNotAnsweredWithinTheTimeout() {
        receiver.answerNextAfter(1_500);
        String paymentId = citizenPays("919800004004", "success");

        await().atMost(WAIT).until(() -> events(paymentId).stream().filter("payment.captured"::equals).count() >= 2);

        List<String> ids = receiver.about(paymentId).stream().filter(d -> d.event().equals("payment.captured"))
                .map(RazorpayReceiver.Delivery::eventId).distinct().toList();
        assertThat(ids).hasSize(1);
    }

    @Test
    void deliversEveryWebhookTwiceWithTheDuplicateFault() {
        http.postJson("/simulator/razorpay/faults", "{\"duplicateWebhooks\":true}");
        String paymentId = citizenPays("919800004005", "success");

        await().atMost(WAIT).until(() -> events(paymentId).size() == 4);

        Map<String, Long> perEventId = receiver.about(paymentId).stream()
                .collect(Collectors.groupingBy(RazorpayReceiver.Delivery::eventId, Collectors.counting()));
        assertThat(perEventId.values()).containsExactly(2L, 2L);
    }

    @Test
    void sendsOrderPaidBeforePaymentCapturedWithTheReorderFault() {
        http.postJson("/simulator/razorpay/faults", "{\"reorderWebhooks\":true}");
        String paymentId = citizenPays("919800004006", "success");

        await().atMost(WAIT).until(() -> events(paymentId).size() == 2);

        assertThat(events(paymentId)).containsExactly("order.paid", "payment.captured");
    }

    @Test
    void sendsNothingWithTheDropFaultYetLogsWhy() {
        Http.Answer faults = http.postJson("/simulator/razorpay/faults", "{\"dropWebhooks\":true}");
        String paymentId = citizenPays("919800004007", "success");

        await().atMost(WAIT).until(() -> meta.razorpay().payment(paymentId).orElseThrow().get("status").asText().equals("captured"));
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> events(paymentId).isEmpty());
        assertThat(faults.json().get("dropWebhooks").asBoolean()).isTrue();
        assertThat(meta.razorpay().webhookLog()).anySatisfy(e -> assertThat(e.get("state").asText()).isEqualTo("not sent: dropped (fault)"));
    }

    @Test
    void whileDownTheApiAnswers503AndWebhooksWaitUntilItIsUpAgain() {
        Http.Answer faults = http.postJson("/simulator/razorpay/faults", "{\"down\":true}");
        assertThat(faults.json().get("down").asBoolean()).isTrue();
        String paymentId = citizenPays("919800004010", "success");
        await().atMost(WAIT).until(() -> meta.razorpay().payment(paymentId).orElseThrow().get("status").asText().equals("captured"));

        Http.Answer fetched = new RazorpayApi(http).get("/payments/" + paymentId);
        assertThat(fetched.status()).isEqualTo(503);
        assertThat(fetched.json().at("/error/code").asText()).isEqualTo("SERVER_ERROR");
        await().during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> events(paymentId).isEmpty());

        http.postJson("/simulator/razorpay/faults", "{\"down\":false}");
        await().atMost(WAIT).until(() -> events(paymentId).size() == 2);
        assertThat(events(paymentId)).containsExactly("payment.captured", "order.paid");
        assertThat(new RazorpayApi(http).get("/payments/" + paymentId).status()).isEqualTo(200);
    }

    @Test
    void announcesAFailureBeforeTheCaptureOfTheSamePaymentWithThatFault() {
        http.postJson("/simulator/razorpay/faults", "{\"failedBeforeCaptured\":true}");
        String paymentId = citizenPays("919800004008", "success");

        await().atMost(WAIT).until(() -> events(paymentId).size() == 3);

        assertThat(events(paymentId)).containsExactly("payment.failed", "payment.captured", "order.paid");
    }

    @Test
    void announcesAProcessedRefundWithRefundProcessed() {
        String paymentId = citizenPays("919800004009", "success");
        await().atMost(WAIT).until(() -> events(paymentId).size() == 2);

        Http.Answer refund = new RazorpayApi(http).refund(paymentId, "{\"amount\":1000}", null);

        await().atMost(WAIT).until(() -> events(paymentId).contains("refund.processed"));
        JsonNode processed = receiver.about(paymentId).stream().filter(d -> d.event().equals("refund.processed")).findFirst().orElseThrow().json();
        assertThat(processed.at("/payload/refund/entity/id").asText()).isEqualTo(refund.json().get("id").asText());
        assertThat(processed.at("/payload/refund/entity/status").asText()).isEqualTo("processed");
        assertThat(processed.at("/payload/payment/entity/amount_refunded").asLong()).isEqualTo(1000);
    }

    @Test
    void announcesAPaidPaymentLinkWithPaymentLinkPaid() {
        Http.Answer link = new RazorpayApi(http).post("/payment_links", "{\"amount\":4500}");

        Http.Answer paid = http.postJson("/simulator/payment-links/" + link.json().get("id").asText() + "/pay", "{\"outcome\":\"success\"}");

        String paymentId = paid.json().get("paymentId").asText();
        await().atMost(WAIT).until(() -> events(paymentId).size() == 3);
        assertThat(events(paymentId)).containsExactly("payment.captured", "order.paid", "payment_link.paid");
        assertThat(receiver.about(paymentId).get(2).json().at("/payload/payment_link/entity/status").asText()).isEqualTo("paid");
    }
}
