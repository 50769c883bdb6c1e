package dev.seva.payment.service;

import dev.seva.contracts.payments.PaymentOrderEvent;
import dev.seva.payment.domain.CaptureRules;
import dev.seva.payment.domain.Observation;
import dev.seva.payment.domain.OrderState;
import dev.seva.payment.domain.ReceiptNumbers;
import dev.seva.payment.persistence.AttemptRow;
import dev.seva.payment.persistence.Locks;
import dev.seva.payment.persistence.OrderRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Settles an order from what a trusted source reports ({@link Observation}s from Meta's look-up or Razorpay's payment
 * entity), in one transaction under the application's lock ({@link Locks}): every attempt recorded (one row per
 * gateway payment id); a capture decided by {@link CaptureRules}: honoured once (PAID, receipt number,
 * {@code payment.paid}, the application's other open orders superseded) or refunded ({@link Refunds}); a failed
 * attempt reported once ({@code payment.failed}); refunds the source says are done reported ({@code payment.refunded}).
 * Refunds decided here are submitted to Razorpay after the commit. Seeing the same thing again changes nothing.
 */
@ApplicationScoped
public class Settlement {

    private static final Logger LOG = Logger.getLogger(Settlement.class);

    @Inject
    Locks locks;

    @Inject
    PaymentEvents events;

    @Inject
    Refunds refunds;

    @Inject
    ReceiptNumbers receipts;

    @Inject
    Clock clock;

    /** An order this service does not have: the webhook is dead-lettered (the reconciliation round still looks up every order it has). */
    public static class UnknownOrder extends Unprocessable {
        public UnknownOrder(String orderId) {
            super("unknown order " + orderId);
        }
    }

    /**
     * Settles the order from these observations. {@code firstTime}, when given, runs first in the same transaction (a
     * message-log or webhook-inbox entry): false means this delivery was handled before, and nothing is done.
     */
    public Uni<Void> settle(String orderId, List<Observation> seen, String settledBy, Supplier<Uni<Boolean>> firstTime) {
        List<String> toRefund = new ArrayList<>();
        return Panache.withTransaction(() -> (firstTime == null ? Uni.createFrom().item(true) : firstTime.get())
                        .chain(first -> first ? settleLocked(orderId, seen, settledBy, toRefund) : Uni.createFrom().voidItem()))
                .chain(() -> refunds.submitAll(toRefund));
    }

    private Uni<Void> settleLocked(String orderId, List<Observation> seen, String settledBy, List<String> toRefund) {
        return locks.application(PaymentOrderEvent.applicationRefOf(orderId))
                .chain(() -> OrderRow.<OrderRow>findById(orderId, LockModeType.PESSIMISTIC_WRITE))
                .chain(order -> {
                    if (order == null) {
                        return Uni.createFrom().failure(new UnknownOrder(orderId));
                    }
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Observation o : seen) {
                        chain = chain.chain(() -> apply(order, o, settledBy, toRefund));
                    }
                    return chain;
                });
    }

    private Uni<Void> apply(OrderRow order, Observation seen, String settledBy, List<String> toRefund) {
        String key = seen.attemptKey();
        if (key == null) {
            return Uni.createFrom().voidItem();
        }
        return AttemptRow.<AttemptRow>findById(key).chain(existing -> {
            if (existing != null && !existing.orderId.equals(order.orderId)) {
                LOG.warnf("Payment %s is reported for order %s but was seen for order %s: left as it was", key, order.orderId, existing.orderId);
                return Uni.createFrom().voidItem();
            }
            Instant now = Instant.now(clock);
            AttemptRow a = existing != null ? existing : newAttempt(key, order.orderId, now);
            boolean wasCaptured = AttemptRow.CAPTURED.equals(a.status);
            record(a, seen, now);
            Uni<Void> step = existing == null ? a.persist().replaceWithVoid() : Uni.createFrom().voidItem();
            if (seen.status() == Observation.Status.CAPTURED && a.decision == null) {
                step = step.chain(() -> capture(order, a, settledBy, toRefund, now));
            } else if (seen.status() == Observation.Status.FAILED && !wasCaptured && !a.failureReported) {
                a.failureReported = true;
                if (order.state == OrderState.OPEN || order.state == OrderState.EXPIRED) {
                    LOG.infof("Payment attempt %s on order %s failed (%s)", key, order.orderId, a.errorCode);
                    step = step.chain(() -> events.failed(order, a, settledBy, now));
                }
            }
            for (Observation.RefundSeen r : seen.refunds()) {
                if (r.processed() && a.gatewayPaymentId != null) {
                    step = step.chain(() -> refunds.processedByGateway(a.gatewayPaymentId, r.refundId(), settledBy).replaceWithVoid());
                }
            }
            return step;
        });
    }

    private Uni<Void> capture(OrderRow order, AttemptRow a, String settledBy, List<String> toRefund, Instant now) {
        if (a.gatewayPaymentId == null) {
            LOG.warnf("A capture on order %s names no payment id: not settled", order.orderId);
            return Uni.createFrom().voidItem();
        }
        return OrderRow.count("applicationRef = ?1 and state = ?2 and orderId <> ?3", order.applicationRef, OrderState.PAID, order.orderId)
                .chain(paidElsewhere -> {
                    CaptureRules.Decision decision = CaptureRules.decide(order.state, order.paidPaymentId, a.gatewayPaymentId, paidElsewhere > 0);
                    switch (decision.outcome()) {
                        case HONOUR:
                            a.decision = AttemptRow.HONOURED;
                            return honour(order, a, settledBy, now);
                        case REFUND:
                            a.decision = AttemptRow.REFUND;
                            LOG.infof("Capture %s on order %s (%s) is refunded: %s", a.gatewayPaymentId, order.orderId, order.state, decision.refundReason());
                            toRefund.add(a.gatewayPaymentId);
                            return refunds.request(order, a, decision.refundReason(), settledBy).replaceWithVoid();
                        default:
                            a.decision = AttemptRow.IGNORED;
                            return Uni.createFrom().voidItem();
                    }
                });
    }

    private Uni<Void> honour(OrderRow order, AttemptRow a, String settledBy, Instant now) {
        if (a.amountPaise != null && a.amountPaise != order.amountPaise) {
            LOG.warnf("Order %s was paid %d paise, not the %d asked: honoured as paid", order.orderId, a.amountPaise, order.amountPaise);
        }
        order.moveTo(OrderState.PAID, now);
        order.paidAt = now;
        order.paidAmountPaise = a.amountPaise != null ? a.amountPaise : order.amountPaise;
        order.paidPaymentId = a.gatewayPaymentId;
        order.gatewayOrderId = a.gatewayOrderId;
        order.method = a.method;
        order.settledBy = settledBy;
        order.receiptNumber = receipts.next(order.departmentId, now);
        LOG.infof("Order %s paid (payment %s, receipt %s, settled by %s)", order.orderId, a.gatewayPaymentId, order.receiptNumber, settledBy);
        // The application's other open orders can no longer be paid: a capture on one of them is a duplicate.
        return OrderRow.update("state = ?1, updatedAt = ?2 where applicationRef = ?3 and state = ?4 and orderId <> ?5",
                        OrderState.SUPERSEDED, now, order.applicationRef, OrderState.OPEN, order.orderId)
                .chain(() -> events.paid(order, now));
    }

    private static AttemptRow newAttempt(String key, String orderId, Instant now) {
        AttemptRow a = new AttemptRow();
        a.attemptKey = key;
        a.orderId = orderId;
        a.firstSeenAt = now;
        a.status = AttemptRow.PENDING;
        return a;
    }

    /** Captured is final (Razorpay may report a failure after the capture of the same payment: the capture stands). */
    private static void record(AttemptRow a, Observation seen, Instant now) {
        if (!AttemptRow.CAPTURED.equals(a.status)) {
            a.status = seen.status().name().toLowerCase(Locale.ROOT);
        }
        if (seen.gatewayOrderId() != null) {
            a.gatewayOrderId = seen.gatewayOrderId();
        }
        if (seen.gatewayPaymentId() != null) {
            a.gatewayPaymentId = seen.gatewayPaymentId();
        }
        if (seen.amountPaise() != null) {
            a.amountPaise = seen.amountPaise();
        }
        if (seen.method() != null) {
            a.method = seen.method();
        }
        if (seen.status() == Observation.Status.FAILED) {
            a.errorCode = seen.errorCode();
            a.errorReason = seen.errorReason();
        }
        a.updatedAt = now;
    }
}
