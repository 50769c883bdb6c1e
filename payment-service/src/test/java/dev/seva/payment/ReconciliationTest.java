package dev.seva.payment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.Topics;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import dev.seva.payment.service.Reconciliation;
import dev.seva.payment.support.GatewayStub;
import dev.seva.payment.support.GatewayStubResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static dev.seva.payment.support.Payments.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reconciliation round (run by the tests themselves: %test turns the schedule off and reconcile-after to 0 s):
 * captures no webhook announced, payment-link payments, expiry after a last look-up, refunds finished by a look-up.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "payment"))
@QuarkusTestResource(GatewayStubResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ReconciliationTest {

    Devstack devstack;
    GatewayStub gateways;

    @Inject
    Reconciliation reconciliation;

    @BeforeEach
    void connect() {
        dev.seva.payment.support.Payments.connect(devstack);
    }

    @Test
    void reconciliationFindsACaptureNoWebhookAnnounced() throws Exception {
        String orderId = open(Instant.now().plus(1, ChronoUnit.DAYS));
        gateways.metaTransaction(orderId, "order_Q" + orderId.substring(14), "pay_Q" + orderId.substring(14), "success", 4500, null, null);

        round();

        JsonNode paid = awaitEvent(orderId, "payment.paid");
        assertThat(paid.path("settledBy").asText()).isEqualTo("reconciliation");
        round();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> eventsOf(orderId, "payment.paid").size() == 1);
    }

    @Test
    void paymentThroughThePaymentLinkIsFoundAtRazorpay() throws Exception {
        String orderId = open(Instant.now().plus(1, ChronoUnit.DAYS));
        String linkId = gateways.linkFor(orderId).path("id").asText();
        String payment = "pay_L" + orderId.substring(14);
        gateways.razorpayPayment(payment, "order_L" + orderId.substring(14), "captured", 4500, null);
        gateways.linkPayment(linkId, payment);

        round();

        JsonNode paid = awaitEvent(orderId, "payment.paid");
        assertThat(paid.path("gateway").path("paymentId").asText()).isEqualTo(payment);
        assertThat(paid.path("settledBy").asText()).isEqualTo("reconciliation");
    }

    @Test
    void orderPastItsExpiryIsLookedUpOnceMoreThenExpires() throws Exception {
        Instant expiresAt = Instant.now().plusSeconds(2);
        String orderId = open(expiresAt);
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiresAt.plusMillis(200)));
        int lookUpsBefore = gateways.calls("GET", "/payments/seva-razorpay/" + orderId).size();

        Reconciliation.Round r = round();

        JsonNode expired = awaitEvent(orderId, "payment.expired");
        assertThat(expired.path("settledBy").asText()).isEqualTo("expiry");
        assertThat(r.expired()).isGreaterThanOrEqualTo(1);
        assertThat(gateways.calls("GET", "/payments/seva-razorpay/" + orderId)).hasSizeGreaterThan(lookUpsBefore);
        assertThat(text("SELECT state FROM payment_order WHERE order_id = ?", orderId)).isEqualTo("EXPIRED");

        // A capture after the expiry, with no other paid order for the application: the citizen's money, honoured.
        gateways.metaTransaction(orderId, "order_X" + orderId.substring(14), "pay_X" + orderId.substring(14), "success", 4500, null, null);
        send(Topics.WHATSAPP_PAYMENTS, "919876543210", whatsAppPayment(orderId, "captured", "order_X" + orderId.substring(14),
                "pay_X" + orderId.substring(14), "success"));
        assertThat(awaitEvent(orderId, "payment.paid").path("settledBy").asText()).isEqualTo("whatsapp_webhook");
    }

    @Test
    void pendingRefundIsFinishedWhenRazorpayShowsThePaymentRefunded() throws Exception {
        String app = newApplication();
        String citizen = citizen();
        String orderId = app + "-1";
        send(Topics.PAYMENTS_ORDERS, citizen, orderRequested(app, 1, citizen, 4500, Instant.now().plus(1, ChronoUnit.DAYS), true));
        awaitEvent(orderId, "payment.order.opened");
        String payment = "pay_P" + app.substring(14);
        gateways.metaTransaction(orderId, "order_P" + app.substring(14), payment, "success", 4500, null, null);
        gateways.razorpayPayment(payment, "order_P" + app.substring(14), "captured", 4500, orderId);
        send(Topics.WHATSAPP_PAYMENTS, "919876543210", whatsAppPayment(orderId, "captured", "order_P" + app.substring(14), payment, "success"));
        awaitEvent(orderId, "payment.paid");
        // The application is withdrawn: a refundable fee goes back (order_withdrawn); Razorpay's webhook never comes.
        send(Topics.PAYMENTS_ORDERS, citizen, orderWithdrawn(orderId, citizen, "application_withdrawn"));
        assertThat(awaitEvent(orderId, "payment.refund.requested").path("refundReason").asText()).isEqualTo("order_withdrawn");
        await().atMost(Duration.ofSeconds(30)).until(() -> "pending".equals(text("SELECT status FROM refund WHERE payment_id = ?", payment)));
        gateways.refundedAtRazorpay(payment);
        execute("UPDATE refund SET updated_at = now() - interval '1 minute' WHERE payment_id = ?", payment);

        round();

        JsonNode refunded = awaitEvent(orderId, "payment.refunded");
        assertThat(refunded.path("settledBy").asText()).isEqualTo("reconciliation");
        assertThat(text("SELECT state FROM payment_order WHERE order_id = ?", orderId)).isEqualTo("WITHDRAWN");
    }

    String open(Instant expiresAt) throws Exception {
        String app = newApplication();
        String citizen = citizen();
        send(Topics.PAYMENTS_ORDERS, citizen, orderRequested(app, 1, citizen, 4500, expiresAt, false));
        awaitEvent(app + "-1", "payment.order.opened");
        return app + "-1";
    }

    /** One round on a Vert.x context of its own (Hibernate Reactive needs one), as the scheduler would run it. */
    Reconciliation.Round round() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> reconciliation.round());
        } catch (Throwable t) {
            throw new AssertionError("The reconciliation round failed", t);
        }
    }
}
