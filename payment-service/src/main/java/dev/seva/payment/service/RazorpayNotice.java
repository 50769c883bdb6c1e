package dev.seva.payment.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.EventJson;
import dev.seva.payment.client.RazorpayGateway;

import java.io.IOException;
import java.util.Set;

/**
 * What this service takes from a Razorpay webhook (envelope {@code {"event", "payload": {"payment": {"entity"}, "order":
 * ..., "payment_link": ..., "refund": ...}}}): the event and the ids it names, nothing else (the payment entity carries
 * the payer's contact and email, which are never read). Our order is found by the Razorpay order's receipt, a note
 * holding a Seva order id, or the payment link's reference_id.
 */
public record RazorpayNotice(String event, String orderRef, String gatewayOrderId, String gatewayPaymentId, String gatewayRefundId,
                             String refundStatus) {

    /** Payments: confirmed with GET /payments/{id} and settled from its answer. */
    public static final Set<String> PAYMENT_EVENTS = Set.of("payment.captured", "order.paid", "payment_link.paid", "payment.failed");
    /** Refunds Seva asked for: their outcome. */
    public static final Set<String> REFUND_EVENTS = Set.of("refund.processed", "refund.failed");

    /** Not JSON, or not a Razorpay event envelope. */
    public static class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    public boolean handled() {
        return PAYMENT_EVENTS.contains(event) || REFUND_EVENTS.contains(event);
    }

    public static RazorpayNotice parse(byte[] body) throws Unreadable {
        JsonNode root;
        try {
            root = EventJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new Unreadable("not JSON");
        }
        if (root == null || !root.isObject() || !root.path("event").isTextual()) {
            throw new Unreadable("not a Razorpay event (no event)");
        }
        String event = root.path("event").asText();
        JsonNode payload = root.path("payload");
        JsonNode payment = payload.path("payment").path("entity");
        JsonNode order = payload.path("order").path("entity");
        JsonNode link = payload.path("payment_link").path("entity");
        JsonNode refund = payload.path("refund").path("entity");

        String orderRef = orderId(text(order, "receipt"));
        if (orderRef == null) {
            orderRef = orderId(text(link, "reference_id"));
        }
        if (orderRef == null) {
            orderRef = RazorpayGateway.orderRefIn(payment.path("notes"));
        }
        if (orderRef == null) {
            orderRef = RazorpayGateway.orderRefIn(order.path("notes"));
        }
        String gatewayOrderId = text(payment, "order_id") != null ? text(payment, "order_id") : text(order, "id");
        String paymentId = text(payment, "id") != null ? text(payment, "id") : text(refund, "payment_id");
        return new RazorpayNotice(event, orderRef, gatewayOrderId, paymentId, text(refund, "id"), text(refund, "status"));
    }

    private static String orderId(String value) {
        return value != null && RazorpayGateway.ORDER_ID.matcher(value).matches() ? value : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            return null;
        }
        String s = v.asText();
        return s.length() > 128 ? s.substring(0, 128) : s;
    }
}
