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
import java.util.UUID;

import static dev.seva.payment.support.Payments.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** payments.orders.v1 over the real broker and database: orders, their payment links, withdrawals, erasure. */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "payment"))
@QuarkusTestResource(GatewayStubResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class OrdersTest {

    Devstack devstack;
    GatewayStub gateways;

    @BeforeEach
    void connect() {
        dev.seva.payment.support.Payments.connect(devstack);
    }

    @Test
    void orderRequestedBecomesOneOpenOrderWithAPaymentLinkAnnounced() throws Exception {
        String app = newApplication();
        String citizen = citizen();
        Instant expires = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode request = orderRequested(app, 1, citizen, 4500, expires, true);
        send(Topics.PAYMENTS_ORDERS, citizen, request);
        // Delivered again, and the same order under another event id: still one order, one link, one announcement.
        send(Topics.PAYMENTS_ORDERS, citizen, request);
        ObjectNode again = request.deepCopy().put("eventId", UUID.randomUUID().toString());
        send(Topics.PAYMENTS_ORDERS, citizen, again);
        String orderId = app + "-1";

        JsonNode opened = awaitEvent(orderId, "payment.order.opened");
        assertThat(opened.path("paymentLinkUrl").asText()).startsWith("https://rzp.io/i/");
        assertThat(opened.path("amountPaise").asLong()).isEqualTo(4500);
        assertThat(text("SELECT state FROM payment_order WHERE order_id = ?", orderId)).isEqualTo("OPEN");
        assertThat(text("SELECT amount_paise::text || ' ' || phone_number_id || ' ' || payment_configuration FROM payment_order WHERE order_id = ?",
                orderId)).isEqualTo("4500 " + PHONE_NUMBER_ID + " seva-razorpay");
        assertThat(text("SELECT pg_typeof(amount_paise)::text FROM payment_order WHERE order_id = ?", orderId)).isEqualTo("bigint");

        JsonNode link = gateways.linkFor(orderId);
        assertThat(link.path("reference_id").asText()).isEqualTo(orderId);
        assertThat(link.path("expire_by").asLong()).isEqualTo(expires.getEpochSecond());
        assertThat(link.path("amount").asLong()).isEqualTo(4500);
        assertThat(link.path("notify").path("sms").asBoolean(true)).isFalse();
        assertThat(link.path("notify").path("email").asBoolean(true)).isFalse();
        assertThat(link.has("customer")).as("no contact of the citizen is ever sent").isFalse();

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> eventsOf(orderId, "payment.order.opened").size() == 1);
        assertThat(count("SELECT count(*) FROM payment_order WHERE order_id = ?", orderId)).isEqualTo(1);
        assertThat(gateways.calls("POST", "payment_links").stream().filter(c -> c.body().contains(orderId)).count()).isEqualTo(1);
    }

    @Test
    void orderExpiringWithinSixteenMinutesGetsNoPaymentLink() throws Exception {
        String app = newApplication();
        String citizen = citizen();
        send(Topics.PAYMENTS_ORDERS, citizen, orderRequested(app, 1, citizen, 4500, Instant.now().plus(Duration.ofMinutes(15)), false));

        JsonNode opened = awaitEvent(app + "-1", "payment.order.opened");
        assertThat(opened.has("paymentLinkUrl")).isFalse();
        assertThat(gateways.linkFor(app + "-1")).isNull();
    }

    @Test
    void withdrawnOpenOrderRefundsALaterCaptureAsOrderWithdrawn() throws Exception {
        String app = newApplication();
        String citizen = citizen();
        String orderId = app + "-1";
        send(Topics.PAYMENTS_ORDERS, citizen, orderRequested(app, 1, citizen, 4500, Instant.now().plus(Duration.ofMinutes(5)), false));
        awaitEvent(orderId, "payment.order.opened");
        send(Topics.PAYMENTS_ORDERS, citizen, orderWithdrawn(orderId, citizen, "citizen_cancelled"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "WITHDRAWN".equals(text("SELECT state FROM payment_order WHERE order_id = ?", orderId)));

        // The citizen pays anyway (an order_details message still on the phone).
        gateways.metaTransaction(orderId, "order_W" + app.substring(14), "pay_W" + app.substring(14), "success", 4500, null, null);
        send(Topics.WHATSAPP_PAYMENTS, "919876543210", whatsAppPayment(orderId, "captured", "order_W" + app.substring(14), "pay_W" + app.substring(14), "success"));

        JsonNode requested = awaitEvent(orderId, "payment.refund.requested");
        assertThat(requested.path("refundReason").asText()).isEqualTo("order_withdrawn");
        assertThat(eventsOf(orderId, "payment.paid")).isEmpty();
        assertThat(text("SELECT state FROM payment_order WHERE order_id = ?", orderId)).isEqualTo("WITHDRAWN");
    }

    @Test
    void erasureReplacesThePseudonymButKeepsTheFinancialRecord() throws Exception {
        String app = newApplication();
        String citizen = citizen();
        String orderId = app + "-1";
        send(Topics.PAYMENTS_ORDERS, citizen, orderRequested(app, 1, citizen, 4500, Instant.now().plus(Duration.ofMinutes(5)), false));
        awaitEvent(orderId, "payment.order.opened");

        ObjectNode erasure = dev.seva.contracts.EventJson.mapper().createObjectNode().put("eventId", UUID.randomUUID().toString())
                .put("eventType", "citizen.erasure.requested").put("occurredAt", Instant.now().toString()).put("citizenRef", citizen)
                .put("reason", "citizen_request");
        send(Topics.CITIZEN_ERASURE, citizen, erasure);

        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM payment_order WHERE citizen_ref = ?", citizen) == 0);
        assertThat(text("SELECT citizen_ref FROM payment_order WHERE order_id = ?", orderId)).isEqualTo(dev.seva.payment.domain.Erased.CITIZEN_REF);
        assertThat(text("SELECT amount_paise FROM payment_order WHERE order_id = ?", orderId)).isEqualTo("4500");
    }
}
