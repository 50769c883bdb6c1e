package dev.seva.payment.service;

import dev.seva.contracts.EventIds;
import dev.seva.contracts.Topics;
import dev.seva.contracts.payments.PaymentEvent;
import dev.seva.payment.persistence.AttemptRow;
import dev.seva.payment.persistence.OrderRow;
import dev.seva.payment.persistence.RefundRow;
import dev.seva.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;

/**
 * The payments.events.v1 events, appended to the outbox inside the transaction of the change they report (validated
 * against the contract there), keyed by citizenRef. Their ids are name-based on what they report (the order for
 * opened/paid/expired, the payment for failures and refunds): the same fact is always the same event.
 */
@ApplicationScoped
public class PaymentEvents {

    static final String GATEWAY = "razorpay";

    @Inject
    Outbox outbox;

    public Uni<Void> opened(OrderRow o, Instant now) {
        return append(o, event(o, PaymentEvent.ORDER_OPENED, EventIds.nameBased("payments.order.opened", o.orderId), now, o.amountPaise,
                null, null, null, null, o.paymentLinkUrl, null, null, null));
    }

    public Uni<Void> paid(OrderRow o, Instant now) {
        return append(o, event(o, PaymentEvent.PAID, EventIds.nameBased("payments.paid", o.orderId), now, o.paidAmountPaise, o.receiptNumber,
                o.paidAt, o.method, gateway(o.gatewayOrderId, o.paidPaymentId, null), null, null, null, o.settledBy));
    }

    public Uni<Void> failed(OrderRow o, AttemptRow a, String settledBy, Instant now) {
        PaymentEvent.Failure failure = new PaymentEvent.Failure(cut(a.errorCode, 128), cut(a.errorReason, 256));
        return append(o, event(o, PaymentEvent.FAILED, EventIds.nameBased("payments.failed", a.attemptKey), now, o.amountPaise, null, null,
                a.method, gateway(a.gatewayOrderId, a.gatewayPaymentId, null), null, failure, null, settledBy));
    }

    public Uni<Void> expired(OrderRow o, Instant now) {
        return append(o, event(o, PaymentEvent.EXPIRED, EventIds.nameBased("payments.expired", o.orderId), now, o.amountPaise, null, null,
                null, null, null, null, null, PaymentEvent.SETTLED_BY_EXPIRY));
    }

    public Uni<Void> refundRequested(OrderRow o, RefundRow r, String settledBy, Instant now) {
        return refund(o, r, PaymentEvent.REFUND_REQUESTED, "payments.refund.requested", settledBy, now);
    }

    public Uni<Void> refunded(OrderRow o, RefundRow r, String settledBy, Instant now) {
        return refund(o, r, PaymentEvent.REFUNDED, "payments.refunded", settledBy, now);
    }

    public Uni<Void> refundFailed(OrderRow o, RefundRow r, String settledBy, Instant now) {
        return refund(o, r, PaymentEvent.REFUND_FAILED, "payments.refund.failed", settledBy, now);
    }

    private Uni<Void> refund(OrderRow o, RefundRow r, String type, String name, String settledBy, Instant now) {
        PaymentEvent.Failure failure = PaymentEvent.REFUND_FAILED.equals(type)
                ? new PaymentEvent.Failure(cut(r.failureCode, 128), cut(r.failureReason, 256)) : null;
        return append(o, event(o, type, EventIds.nameBased(name, r.paymentId), now, r.amountPaise, null, null, null,
                gateway(r.gatewayOrderId, r.paymentId, r.gatewayRefundId), null, failure, r.reason, settledBy));
    }

    private Uni<Void> append(OrderRow o, PaymentEvent event) {
        return outbox.append(Topics.PAYMENTS_EVENTS, o.citizenRef, event);
    }

    private static PaymentEvent event(OrderRow o, String type, java.util.UUID id, Instant now, Long amountPaise, String receipt, Instant paidAt,
                                      String method, PaymentEvent.Gateway gateway, String linkUrl, PaymentEvent.Failure failure,
                                      String refundReason, String settledBy) {
        return new PaymentEvent(id, type, now, o.orderId, o.applicationRef, o.departmentId, o.serviceId, o.citizenRef, o.purpose, o.currency,
                amountPaise == null ? o.amountPaise : amountPaise, receipt, paidAt, method, gateway, linkUrl, failure, refundReason, settledBy);
    }

    private static PaymentEvent.Gateway gateway(String orderId, String paymentId, String refundId) {
        return new PaymentEvent.Gateway(GATEWAY, cut(orderId, 64), cut(paymentId, 64), cut(refundId, 64));
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
