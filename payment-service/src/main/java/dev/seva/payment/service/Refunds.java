package dev.seva.payment.service;

import dev.seva.payment.client.GatewayFailures;
import dev.seva.payment.client.GatewayRefused;
import dev.seva.payment.client.RazorpayGateway;
import dev.seva.payment.config.PaymentConfig;
import dev.seva.payment.domain.RefundKeys;
import dev.seva.payment.persistence.AttemptRow;
import dev.seva.payment.persistence.OrderRow;
import dev.seva.payment.persistence.RefundRow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Refunds at Razorpay ({@code POST /payments/{id}/refund}). Asked for in two steps: {@link #request} records the refund
 * and {@code payment.refund.requested} in the transaction that decided it; {@link #submit}, after that commit, calls
 * Razorpay with {@code X-Refund-Idempotency} = {@link RefundKeys#of} the payment id and a body made from the row alone,
 * so every try (timeouts and 5xx at once, a few times; later the reconciliation round) is the same request and
 * Razorpay makes one refund. A 4xx is final: {@code payment.refund.failed} and an error log for an operator.
 * {@code payment.refunded} follows when Razorpay (webhook {@code refund.processed}, or a later look-up) says it is done.
 */
@ApplicationScoped
public class Refunds {

    private static final Logger LOG = Logger.getLogger(Refunds.class);

    @Inject
    PaymentEvents events;

    @Inject
    RazorpayGateway razorpay;

    @Inject
    PaymentConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    /** seva_payment_refund_failures_total: refunds Razorpay refused (an operator must refund them by hand). */
    Counter refusals;

    @PostConstruct
    void meters() {
        refusals = Counter.builder("seva.payment.refund.failures")
                .description("Refunds Razorpay refused or reported failed: an operator must act").register(registry);
    }

    /** In the caller's transaction: the refund of this captured payment, unless one is already recorded. */
    public Uni<Boolean> request(OrderRow order, AttemptRow payment, String reason, String settledBy) {
        return RefundRow.<RefundRow>findById(payment.gatewayPaymentId).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(false);
            }
            Instant now = Instant.now(clock);
            RefundRow r = new RefundRow();
            r.paymentId = payment.gatewayPaymentId;
            r.orderId = order.orderId;
            r.idempotencyKey = RefundKeys.of(payment.gatewayPaymentId);
            r.gatewayOrderId = payment.gatewayOrderId;
            r.amountPaise = payment.amountPaise != null ? payment.amountPaise : order.amountPaise;
            r.reason = reason;
            r.status = RefundRow.REQUESTED;
            r.requestedAt = now;
            r.updatedAt = now;
            LOG.infof("Refund of payment %s on order %s requested (%s)", r.paymentId, order.orderId, reason);
            return r.persist().chain(() -> events.refundRequested(order, r, settledBy, now)).replaceWith(true);
        });
    }

    /** Submits each refund still to be accepted by Razorpay; never fails (what is not accepted now is tried again later). */
    public Uni<Void> submitAll(List<String> paymentIds) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String id : paymentIds) {
            chain = chain.chain(() -> submit(id).onFailure().recoverWithUni(f -> {
                LOG.warnf("Refund of payment %s not submitted yet (%s); the reconciliation round tries again", id, f.getMessage());
                return Uni.createFrom().voidItem();
            }));
        }
        return chain;
    }

    /** Outside any transaction: asks Razorpay for the refund recorded as requested (same key and body every time). */
    public Uni<Void> submit(String paymentId) {
        return Panache.withSession(() -> RefundRow.<RefundRow>findById(paymentId)).chain(r -> {
            if (r == null || !RefundRow.REQUESTED.equals(r.status)) {
                return Uni.createFrom().voidItem();
            }
            Map<String, String> notes = Map.of("seva_order_id", r.orderId, "reason", r.reason);
            return razorpay.refund(r.paymentId, r.idempotencyKey, r.amountPaise, notes)
                    .onFailure(GatewayFailures::isUnavailable).retry()
                    .withBackOff(config.razorpay().refundBackoff()).atMost(Math.max(1, config.razorpay().refundTries() - 1))
                    .chain(accepted -> Panache.withTransaction(() -> accepted(paymentId, accepted)))
                    .onFailure(GatewayRefused.class).recoverWithUni(f -> Panache.withTransaction(() -> refused(paymentId, (GatewayRefused) f)))
                    .onFailure(GatewayFailures::isUnavailable).recoverWithUni(f -> Panache.withTransaction(() -> notYet(paymentId, f)));
        });
    }

    private Uni<Void> accepted(String paymentId, RazorpayGateway.RefundAccepted accepted) {
        return locked(paymentId).chain(r -> {
            if (r == null || !RefundRow.REQUESTED.equals(r.status)) {
                return Uni.createFrom().voidItem();
            }
            Instant now = Instant.now(clock);
            r.gatewayRefundId = accepted.id();
            r.submissions++;
            r.submittedAt = now;
            r.updatedAt = now;
            r.status = RefundRow.PENDING;
            return accepted.processed() ? processed(r, accepted.id(), null) : Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> refused(String paymentId, GatewayRefused refusal) {
        return locked(paymentId).chain(r -> {
            if (r == null || r.isFinal()) {
                return Uni.createFrom().voidItem();
            }
            r.submissions++;
            return failed(r, refusal.code(), refusal.description(), null);
        });
    }

    private Uni<Void> notYet(String paymentId, Throwable failure) {
        LOG.warnf("Razorpay did not accept the refund of payment %s yet (%s); tried again with the same key later", paymentId,
                failure.getMessage());
        return locked(paymentId).invoke(r -> {
            if (r != null) {
                r.submissions++;
                r.updatedAt = Instant.now(clock);
            }
        }).replaceWithVoid();
    }

    /** In the caller's transaction: Razorpay (or Meta's look-up) says the refund of this payment is done. False: Seva asked for no such refund. */
    public Uni<Boolean> processedByGateway(String paymentId, String refundId, String settledBy) {
        return locked(paymentId).chain(r -> r == null ? Uni.createFrom().item(false)
                : RefundRow.PROCESSED.equals(r.status) ? Uni.createFrom().item(true) : processed(r, refundId, settledBy).replaceWith(true));
    }

    /** In the caller's transaction: Razorpay says the refund of this payment failed. */
    public Uni<Boolean> failedAtGateway(String paymentId, String code, String reason, String settledBy) {
        return locked(paymentId).chain(r -> r == null ? Uni.createFrom().item(false)
                : r.isFinal() ? Uni.createFrom().item(true) : failed(r, code, reason, settledBy).replaceWith(true));
    }

    private Uni<Void> processed(RefundRow r, String refundId, String settledBy) {
        Instant now = Instant.now(clock);
        r.status = RefundRow.PROCESSED;
        if (refundId != null && r.gatewayRefundId == null) {
            r.gatewayRefundId = refundId;
        }
        r.processedAt = now;
        r.updatedAt = now;
        LOG.infof("Refund of payment %s on order %s processed", r.paymentId, r.orderId);
        return OrderRow.<OrderRow>findById(r.orderId).chain(order -> events.refunded(order, r, settledBy, now));
    }

    private Uni<Void> failed(RefundRow r, String code, String reason, String settledBy) {
        Instant now = Instant.now(clock);
        r.status = RefundRow.FAILED;
        r.failureCode = code;
        r.failureReason = reason;
        r.updatedAt = now;
        refusals.increment();
        LOG.errorf("Refund of payment %s (order %s, %d paise, %s) FAILED at Razorpay (%s): an operator must refund it by hand",
                r.paymentId, r.orderId, r.amountPaise, r.reason, code);
        return OrderRow.<OrderRow>findById(r.orderId).chain(order -> events.refundFailed(order, r, settledBy, now));
    }

    /**
     * The refund row under its row lock. Locked with plain SQL, then read: Hibernate Reactive's lock upgrade of an
     * entity already in the session writes the property name where the column belongs. Every caller locks before its
     * transaction reads the row, except one that has just created it (then the session's row is the truth).
     */
    private static Uni<RefundRow> locked(String paymentId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT payment_id FROM refund WHERE payment_id = ?1 FOR UPDATE", String.class)
                .setParameter(1, paymentId).getResultList()
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().nullItem() : s.find(RefundRow.class, paymentId)));
    }
}
