package dev.seva.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.Topics;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import dev.seva.payment.support.GatewayStub;
import dev.seva.payment.support.GatewayStubResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static dev.seva.payment.support.Payments.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Settling from WhatsApp's payment webhooks (whatsapp.payments.v1), confirmed by Meta's look-up (the stub), with
 * Razorpay's own webhooks arriving too: exactly one payment.paid, failures once, pending nothing, a second paid order
 * of an application refunded with its idempotency key.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "payment"))
@QuarkusTestResource(GatewayStubResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class WhatsAppSettlementTest {

    Devstack devstack;
    GatewayStub gateways;

    @BeforeEach
    void connect() {
        dev.seva.payment.support.Payments.connect(devstack);
    }

    @Test
    void captureConfirmedByTheLookUpIsPaidExactlyOnceThoughWebhooksRepeatAndRazorpayAgrees() throws Exception {
        Order order = open(4500);
        gateways.metaTransaction(order.id, order.gatewayOrder, order.payment, "success", 4500, null, null);
        gateways.razorpayPayment(order.payment, order.gatewayOrder, "captured", 4500, null);
        ObjectNode captured = whatsAppPayment(order.id, "captured", order.gatewayOrder, order.payment, "success");

        send(Topics.WHATSAPP_PAYMENTS, "919876543210", captured);
        send(Topics.WHATSAPP_PAYMENTS, "919876543210", captured);
        send(Topics.WHATSAPP_PAYMENTS, "919876543210", captured.deepCopy().put("eventId", UUID.randomUUID().toString()));
        signedRazorpayWebhook("evt_" + order.payment, paymentWebhook("payment.captured", order.payment, order.gatewayOrder, null, "captured"))
                .then().statusCode(200);
        signedRazorpayWebhook("evt2_" + order.payment, paymentWebhook("order.paid", order.payment, order.gatewayOrder, order.id, "captured"))
                .then().statusCode(200);

        JsonNode paid = awaitEvent(order.id, "payment.paid");
        assertThat(paid.path("settledBy").asText()).isIn("whatsapp_webhook", "gateway_webhook");
        assertThat(paid.path("receiptNumber").asText()).matches("^RCPT-REV-[0-9]{8}-[0-9A-Z]{8}$");
        assertThat(paid.path("gateway").path("orderId").asText()).isEqualTo(order.gatewayOrder);
        assertThat(paid.path("gateway").path("paymentId").asText()).isEqualTo(order.payment);
        assertThat(paid.path("method").asText()).isEqualTo("upi");
        assertThat(paid.path("amountPaise").asLong()).isEqualTo(4500);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM razorpay_event WHERE gateway_payment_id = ? AND processed_at IS NOT NULL",
                order.payment) == 2);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> eventsOf(order.id, "payment.paid").size() == 1);
        assertThat(eventsOf(order.id, "payment.refund.requested")).isEmpty();
        assertThat(text("SELECT state || ' ' || receipt_number FROM payment_order WHERE order_id = ?", order.id))
                .isEqualTo("PAID " + paid.path("receiptNumber").asText());
        assertThat(count("SELECT count(*) FROM payment_attempt WHERE gateway_payment_id = ?", order.payment)).isEqualTo(1);
        // Meta's look-up and Razorpay's payment were asked; the webhooks' own word never sufficed.
        assertThat(gateways.calls("GET", "/payments/seva-razorpay/" + order.id)).isNotEmpty();
        assertThat(gateways.calls("GET", "/razorpay/v1/payments/" + order.payment)).hasSize(2);
    }

    @Test
    void webhookSayingCapturedIsNotBelievedWhileTheLookUpSaysPending() throws Exception {
        Order order = open(4500);
        send(Topics.WHATSAPP_PAYMENTS, "919876543210", whatsAppPayment(order.id, "captured", order.gatewayOrder, order.payment, "success"));

        await().atMost(Duration.ofSeconds(30)).until(() -> !gateways.calls("GET", "/payments/seva-razorpay/" + order.id).isEmpty());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> eventsOf(order.id).size() == 1); // opened only
        assertThat(text("SELECT state FROM payment_order WHERE order_id = ?", order.id)).isEqualTo("OPEN");
    }

    @Test
    void failedTransactionIsReportedOnceWithItsErrorAndTheOrderStaysPayable() throws Exception {
        Order order = open(4500);
        gateways.metaTransaction(order.id, order.gatewayOrder, order.payment, "failed", 4500, "BAD_REQUEST_ERROR", "incorrect_pin");
        ObjectNode pending = whatsAppPayment(order.id, "pending", order.gatewayOrder, order.payment, "failed");
        send(Topics.WHATSAPP_PAYMENTS, "919876543210", pending);
        send(Topics.WHATSAPP_PAYMENTS, "919876543210", pending.deepCopy().put("eventId", UUID.randomUUID().toString()));

        JsonNode failed = awaitEvent(order.id, "payment.failed");
        assertThat(failed.path("failure").path("code").asText()).isEqualTo("BAD_REQUEST_ERROR");
        assertThat(failed.path("failure").path("reason").asText()).isEqualTo("incorrect_pin");
        assertThat(failed.path("gateway").path("paymentId").asText()).isEqualTo(order.payment);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> eventsOf(order.id, "payment.failed").size() == 1);
        assertThat(text("SELECT state FROM payment_order WHERE order_id = ?", order.id)).isEqualTo("OPEN");
    }

    @Test
    void captureOnASecondOrderOfAPaidApplicationIsRefundedWithOneIdempotencyKey() throws Exception {
        Order first = open(4500);
        pay(first);
        awaitEvent(first.id, "payment.paid");
        // The citizen had asked for a second order (attempt 2) and pays that too.
        Order second = open(first.app, 2, first.citizen, 4500);
        assertThat(text("SELECT state FROM payment_order WHERE order_id = ?", second.id)).isEqualTo("OPEN");
        gateways.failNextRefunds(1); // Razorpay's first answer is a 500: tried again at once with the same key and body
        pay(second);

        JsonNode requested = awaitEvent(second.id, "payment.refund.requested");
        assertThat(requested.path("refundReason").asText()).isEqualTo("duplicate_payment");
        assertThat(requested.path("gateway").path("paymentId").asText()).isEqualTo(second.payment);
        await().atMost(Duration.ofSeconds(30)).until(() -> "pending".equals(text("SELECT status FROM refund WHERE payment_id = ?", second.payment)));
        List<GatewayStub.Call> refundCalls = gateways.calls("POST", "/payments/" + second.payment + "/refund");
        assertThat(refundCalls).hasSize(2);
        assertThat(refundCalls).extracting(c -> c.headers().get("x-refund-idempotency")).containsOnly("seva-refund-" + second.payment);
        assertThat(refundCalls.get(0).body()).isEqualTo(refundCalls.get(1).body());
        assertThat(refundCalls.get(0).json().path("amount").asLong()).isEqualTo(4500);
        assertThat(refundCalls.get(0).json().path("speed").asText()).isEqualTo("normal");
        assertThat(gateways.refundsMade()).isGreaterThanOrEqualTo(1);

        String refundId = text("SELECT gateway_refund_id FROM refund WHERE payment_id = ?", second.payment);
        signedRazorpayWebhook("evt_rf_" + refundId, refundWebhook("refund.processed", refundId, second.payment, "processed")).then().statusCode(200);
        JsonNode refunded = awaitEvent(second.id, "payment.refunded");
        assertThat(refunded.path("refundReason").asText()).isEqualTo("duplicate_payment");
        assertThat(refunded.path("gateway").path("refundId").asText()).isEqualTo(refundId);
        assertThat(eventsOf(second.id, "payment.paid")).isEmpty();
        assertThat(eventsOf(first.id, "payment.paid")).hasSize(1);
        assertThat(count("SELECT count(*) FROM payment_order WHERE application_ref = ? AND state = 'PAID'", first.app)).isEqualTo(1);
        // Order of the events on the topic: requested before refunded.
        List<String> types = eventsOf(second.id).stream().map(e -> e.path("eventType").asText()).toList();
        assertThat(types.indexOf("payment.refund.requested")).isLessThan(types.indexOf("payment.refunded"));
    }

    // --- helpers ------------------------------------------------------------------------------

    record Order(String app, String id, String citizen, String gatewayOrder, String payment) {
    }

    Order open(long paise) throws Exception {
        return open(newApplication(), 1, citizen(), paise);
    }

    Order open(String app, int attempt, String citizen, long paise) throws Exception {
        String id = app + "-" + attempt;
        send(Topics.PAYMENTS_ORDERS, citizen, orderRequested(app, attempt, citizen, paise, Instant.now().plus(1, ChronoUnit.DAYS), true));
        awaitEvent(id, "payment.order.opened");
        String suffix = app.substring(14) + attempt;
        return new Order(app, id, citizen, "order_T" + suffix, "pay_T" + suffix);
    }

    void pay(Order order) throws Exception {
        gateways.metaTransaction(order.id, order.gatewayOrder, order.payment, "success", 4500, null, null);
        send(Topics.WHATSAPP_PAYMENTS, "919876543210", whatsAppPayment(order.id, "captured", order.gatewayOrder, order.payment, "success"));
    }
}
