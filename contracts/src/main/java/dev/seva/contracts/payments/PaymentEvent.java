package dev.seva.contracts.payments;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.seva.contracts.Event;

import java.time.Instant;
import java.util.UUID;

/**
 * On {@code payments.events.v1}: what happened to an order, as payment-service settled it (webhooks confirmed by a
 * look-up, reconciliation, expiry). Exactly one {@link #PAID} per order; a second capture for an application already
 * paid is refunded ({@link #REFUND_REQUESTED} then {@link #REFUNDED}, reason {@code duplicate_payment}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentEvent(
        UUID eventId,
        String eventType,
        Instant occurredAt,
        String orderId,
        String applicationRef,
        String departmentId,
        String serviceId,
        String citizenRef,
        String purpose,
        String currency,
        long amountPaise,
        String receiptNumber,
        Instant paidAt,
        String method,
        Gateway gateway,
        String paymentLinkUrl,
        Failure failure,
        String refundReason,
        String settledBy) implements Event {

    public static final String ORDER_OPENED = "payment.order.opened";
    public static final String PAID = "payment.paid";
    public static final String FAILED = "payment.failed";
    public static final String EXPIRED = "payment.expired";
    public static final String REFUND_REQUESTED = "payment.refund.requested";
    public static final String REFUNDED = "payment.refunded";
    public static final String REFUND_FAILED = "payment.refund.failed";

    public static final String REFUND_DUPLICATE_PAYMENT = "duplicate_payment";
    public static final String REFUND_PAID_AFTER_EXPIRY = "paid_after_expiry";
    public static final String REFUND_APPLICATION_REJECTED = "application_rejected";
    public static final String REFUND_ORDER_WITHDRAWN = "order_withdrawn";

    public static final String SETTLED_BY_WHATSAPP = "whatsapp_webhook";
    public static final String SETTLED_BY_GATEWAY = "gateway_webhook";
    public static final String SETTLED_BY_RECONCILIATION = "reconciliation";
    public static final String SETTLED_BY_EXPIRY = "expiry";

    /** The payment gateway's own ids (Razorpay: {@code order_…}, {@code pay_…}, {@code rfnd_…}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Gateway(String name, String orderId, String paymentId, String refundId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Failure(String code, String reason) {
    }
}
