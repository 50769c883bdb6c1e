package dev.seva.payment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.Topics;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import dev.seva.payment.domain.WebhookSignature;
import dev.seva.payment.support.GatewayStub;
import dev.seva.payment.support.GatewayStubResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static dev.seva.payment.support.Payments.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

/** POST /webhooks/razorpay: signature, dedupe, confirmation with GET /payments/{id}, out-of-order delivery. */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "payment"))
@QuarkusTestResource(GatewayStubResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class RazorpayWebhookTest {

    Devstack devstack;
    GatewayStub gateways;

    @BeforeEach
    void connect() {
        dev.seva.payment.support.Payments.connect(devstack);
    }

    @Test
    void rejectsForgedSignatureWith400AndStoresNothing() throws Exception {
        String body = paymentWebhook("payment.captured", "pay_Forged1", "order_Forged1", "SEVA-REV-2026-000000001-1", "captured");
        long before = count("SELECT count(*) FROM razorpay_event");

        razorpayWebhook("evt_forged_1", body, null).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://seva.dev/problems/invalid-signature"));
        razorpayWebhook("evt_forged_2", body, "00" + new WebhookSignature(WEBHOOK_SECRET).sign(body.getBytes(StandardCharsets.UTF_8)).substring(2))
                .then().statusCode(400);
        razorpayWebhook("evt_forged_3", body, new WebhookSignature("an-attackers-own-secret").sign(body.getBytes(StandardCharsets.UTF_8)))
                .then().statusCode(400);
        // Signed over other bytes (the same JSON re-serialised with a space) is not this body's signature.
        razorpayWebhook("evt_forged_4", body, new WebhookSignature(WEBHOOK_SECRET).sign((body + " ").getBytes(StandardCharsets.UTF_8)))
                .then().statusCode(400);

        assertThat(count("SELECT count(*) FROM razorpay_event")).isEqualTo(before);
        assertThat(gateways.calls("GET", "pay_Forged1")).isEmpty();
    }

    @Test
    void unknownEventIsAnswered200AndIgnored() throws Exception {
        long before = count("SELECT count(*) FROM razorpay_event");
        String body = "{\"entity\":\"event\",\"event\":\"settlement.processed\",\"payload\":{},\"created_at\":1767225600}";
        signedRazorpayWebhook("evt_settlement_1", body).then().statusCode(200).body("status", equalTo("ignored"));
        assertThat(count("SELECT count(*) FROM razorpay_event")).isEqualTo(before);
    }

    @Test
    void orderPaidAtRazorpayAloneIsSettledByTheGatewayWebhookAfterItsOwnLookUp() throws Exception {
        String app = newApplication();
        String citizen = citizen();
        String orderId = app + "-1";
        send(Topics.PAYMENTS_ORDERS, citizen, orderRequested(app, 1, citizen, 4500, Instant.now().plus(1, ChronoUnit.DAYS), false));
        awaitEvent(orderId, "payment.order.opened");
        String payment = "pay_R" + app.substring(14);
        String gatewayOrder = "order_R" + app.substring(14);
        // Delivered out of order: the failure Razorpay sometimes sends first, then the capture; both say what the
        // payment entity says now (captured), so the end is the same as in order.
        gateways.razorpayPayment(payment, gatewayOrder, "captured", 4500, orderId);

        long started = System.nanoTime();
        signedRazorpayWebhook("evt_f_" + payment, paymentWebhook("payment.failed", payment, gatewayOrder, null, "failed"))
                .then().statusCode(200).time(lessThan(5000L));
        signedRazorpayWebhook("evt_c_" + payment, paymentWebhook("order.paid", payment, gatewayOrder, orderId, "captured")).then().statusCode(200)
                .body("status", equalTo("accepted"));
        signedRazorpayWebhook("evt_c_" + payment, paymentWebhook("order.paid", payment, gatewayOrder, orderId, "captured")).then().statusCode(200)
                .body("status", equalTo("duplicate"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        JsonNode paid = awaitEvent(orderId, "payment.paid");
        assertThat(paid.path("settledBy").asText()).isEqualTo("gateway_webhook");
        assertThat(paid.path("gateway").path("paymentId").asText()).isEqualTo(payment);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> eventsOf(orderId, "payment.paid").size() == 1);
        assertThat(eventsOf(orderId, "payment.failed")).isEmpty();
        assertThat(text("SELECT state FROM payment_order WHERE order_id = ?", orderId)).isEqualTo("PAID");
        assertThat(count("SELECT count(*) FROM razorpay_event WHERE event_id = ?", "evt_c_" + payment)).isEqualTo(1);
        assertThat(gateways.calls("GET", "/payments/seva-razorpay/" + orderId)).as("Meta was not needed").isEmpty();
        assertThat(text("SELECT count(*) FROM razorpay_event WHERE gateway_payment_id = ? AND processed_at IS NOT NULL", payment)).isEqualTo("2");
    }
}
