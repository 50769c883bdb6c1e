package dev.seva.payment.service;

import dev.seva.contracts.payments.PaymentEvent;
import dev.seva.contracts.payments.PaymentOrderEvent;
import dev.seva.payment.client.MetaPayments;
import dev.seva.payment.client.RazorpayGateway;
import dev.seva.payment.config.PaymentConfig;
import dev.seva.payment.domain.Observation;
import dev.seva.payment.domain.OrderState;
import dev.seva.payment.persistence.Locks;
import dev.seva.payment.persistence.OrderRow;
import dev.seva.payment.persistence.RazorpayEventRow;
import dev.seva.payment.persistence.RefundRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Webhooks get lost, so every {@code seva.payment.reconcile-every} a round: OPEN orders older than
 * {@code reconcile-after} (each at most once per that period) are looked up at Meta, and their payment link at
 * Razorpay, and settled (settled by {@code reconciliation}); OPEN orders past {@code expiresAt} get a last look-up and
 * then expire ({@code payment.expired}); refunds Razorpay has not accepted yet are submitted again (same key), pending
 * ones checked; webhook events not worked yet are worked; orders not yet announced are announced. Orders are claimed
 * with {@code FOR UPDATE SKIP LOCKED} (and their {@code reconciled_at} moved on) so two replicas never work one order.
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);
    /** A refund or webhook event this young is still being worked by the request that made it. */
    static final Duration SETTLING_TIME = Duration.ofSeconds(20);

    @Inject
    MetaPayments meta;

    @Inject
    RazorpayGateway razorpay;

    @Inject
    Settlement settlement;

    @Inject
    Refunds refunds;

    @Inject
    Orders orders;

    @Inject
    RazorpayWebhooks webhooks;

    @Inject
    PaymentEvents events;

    @Inject
    Locks locks;

    @Inject
    PaymentConfig config;

    @Inject
    Clock clock;

    /** A round's counts (for the log and the tests). */
    public record Round(int lookedUp, int expired, int refundsRetried, int eventsWorked) {
    }

    @Scheduled(every = "${seva.payment.reconcile-every:1m}", delayed = "${seva.payment.reconcile-first:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRound() {
        return round().onFailure().invoke(f -> LOG.warnf("Reconciliation round failed (the next one tries again): %s", f.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    public Uni<Round> round() {
        Instant now = Instant.now(clock);
        return stale(now).chain(lookedUp -> expire(now).chain(expired -> retryRefunds(now).chain(refundsRetried -> events(now)
                .chain(worked -> announce(now).replaceWith(new Round(lookedUp, expired, refundsRetried, worked))))))
                .invoke(r -> {
                    if (r.lookedUp() + r.expired() + r.refundsRetried() + r.eventsWorked() > 0) {
                        LOG.infof("Reconciliation: %d order(s) looked up, %d expired, %d refund(s) retried, %d webhook event(s) worked",
                                r.lookedUp(), r.expired(), r.refundsRetried(), r.eventsWorked());
                    }
                });
    }

    /** OPEN orders not looked up for reconcile-after, not yet expired. */
    private Uni<Integer> stale(Instant now) {
        Instant cutoff = now.minus(config.reconcileAfter());
        return claim("state = 'OPEN' AND expires_at > ?2 AND created_at <= ?1 AND (reconciled_at IS NULL OR reconciled_at <= ?1)", cutoff, now)
                .chain(ids -> each(ids, id -> lookUpAndSettle(id, PaymentEvent.SETTLED_BY_RECONCILIATION)).replaceWith(ids.size()));
    }

    /** OPEN orders past expiresAt: a last look-up (a capture wins), then EXPIRED. A failed look-up leaves it for the next round. */
    private Uni<Integer> expire(Instant now) {
        // Not one looked up a moment ago by this round's first step or another replica (a shorter wait than reconcile-after).
        Duration gap = config.reconcileAfter().compareTo(SETTLING_TIME) < 0 ? config.reconcileAfter() : SETTLING_TIME;
        return claim("state = 'OPEN' AND expires_at <= ?2 AND (reconciled_at IS NULL OR reconciled_at <= ?1)", now.minus(gap), now)
                .chain(ids -> {
                    List<String> expired = new ArrayList<>();
                    return each(ids, id -> lookUpAndSettle(id, PaymentEvent.SETTLED_BY_RECONCILIATION)
                            .chain(() -> expireIfStillOpen(id, expired))).replaceWith(() -> expired.size());
                });
    }

    private Uni<Void> expireIfStillOpen(String orderId, List<String> expired) {
        return Panache.withTransaction(() -> locks.application(PaymentOrderEvent.applicationRefOf(orderId))
                .chain(() -> OrderRow.<OrderRow>findById(orderId, LockModeType.PESSIMISTIC_WRITE))
                .chain(o -> {
                    if (o == null || o.state != OrderState.OPEN) {
                        return Uni.createFrom().voidItem();
                    }
                    Instant now = Instant.now(clock);
                    o.moveTo(OrderState.EXPIRED, now);
                    o.expiredAt = now;
                    expired.add(orderId);
                    LOG.infof("Order %s expired unpaid", orderId);
                    return events.expired(o, now);
                }));
    }

    /** Meta's look-up of the order, and its payment link's payments at Razorpay, settled together. */
    public Uni<Void> lookUpAndSettle(String orderId, String settledBy) {
        return Panache.withSession(() -> OrderRow.<OrderRow>findById(orderId)).chain(o -> {
            if (o == null) {
                return Uni.createFrom().voidItem();
            }
            Uni<List<Observation>> link = o.paymentLinkId == null ? Uni.createFrom().item(List.of()) : razorpay.paymentLinkPayments(o.paymentLinkId)
                    .chain(ids -> Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(razorpay::payment)
                            .map(RazorpayGateway.PaymentSeen::observation).collect().asList());
            return meta.lookup(o.phoneNumberId, o.paymentConfiguration, o.orderId)
                    .chain(seen -> link.map(linked -> {
                        List<Observation> all = new ArrayList<>(seen);
                        all.addAll(linked);
                        return all;
                    }))
                    .chain(all -> settlement.settle(orderId, all, settledBy, null));
        });
    }

    /** Refunds Razorpay has not accepted (submitted again, same key), and pending ones (done when the payment is fully refunded). */
    private Uni<Integer> retryRefunds(Instant now) {
        Instant settled = now.minus(SETTLING_TIME);
        return Panache.withSession(() -> RefundRow.<RefundRow>find("status in ?1 and updatedAt <= ?2 order by updatedAt",
                        List.of(RefundRow.REQUESTED, RefundRow.PENDING), settled).range(0, config.reconcileBatch() - 1).list())
                .chain(rows -> {
                    java.util.Set<String> requested = rows.stream().filter(r -> RefundRow.REQUESTED.equals(r.status)).map(r -> r.paymentId)
                            .collect(java.util.stream.Collectors.toSet());
                    return each(rows.stream().map(r -> r.paymentId).toList(),
                            paymentId -> requested.contains(paymentId) ? refunds.submit(paymentId) : checkPending(paymentId))
                            .replaceWith(rows.size());
                });
    }

    private Uni<Void> checkPending(String paymentId) {
        return razorpay.payment(paymentId).chain(seen -> seen.observation().refunds().stream().anyMatch(Observation.RefundSeen::processed)
                ? Panache.withTransaction(() -> refunds.processedByGateway(paymentId, null, PaymentEvent.SETTLED_BY_RECONCILIATION)).replaceWithVoid()
                : Uni.createFrom().voidItem());
    }

    private Uni<Integer> events(Instant now) {
        return Panache.withSession(() -> RazorpayEventRow.<RazorpayEventRow>find("processedAt is null and receivedAt <= ?1 order by receivedAt",
                        now.minus(SETTLING_TIME)).range(0, config.reconcileBatch() - 1).list())
                .chain(rows -> each(rows.stream().map(r -> r.eventId).toList(), webhooks::process).replaceWith(rows.size()));
    }

    /** Orders whose payment.order.opened was not written (a crash between the order and its link). */
    private Uni<Void> announce(Instant now) {
        return Panache.withSession(() -> OrderRow.<OrderRow>find("openedAnnounced = false and state = ?1 and createdAt <= ?2",
                        OrderState.OPEN, now.minus(SETTLING_TIME)).range(0, config.reconcileBatch() - 1).list())
                .chain(rows -> each(rows.stream().map(r -> r.orderId).toList(), orders::openWithLink));
    }

    /** Claims up to a batch of orders (FOR UPDATE SKIP LOCKED), marking them looked up now, in a short transaction of its own. */
    private Uni<List<String>> claim(String where, Instant first, Instant second) {
        Instant now = Instant.now(clock);
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                                "SELECT order_id FROM payment_order WHERE " + where + " ORDER BY reconciled_at NULLS FIRST, created_at LIMIT "
                                        + config.reconcileBatch() + " FOR UPDATE SKIP LOCKED", String.class)
                        .setParameter(1, first).setParameter(2, second).getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(ids)
                        : OrderRow.update("reconciledAt = ?1 where orderId in ?2", now, ids).replaceWith(ids)));
    }

    /** One after the other; a failure of one (Meta or Razorpay not answering) is logged and the round goes on. */
    private static Uni<Void> each(List<String> ids, java.util.function.Function<String, Uni<Void>> work) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String id : ids) {
            chain = chain.chain(() -> work.apply(id).onFailure().recoverWithUni(f -> {
                LOG.warnf("Reconciliation of %s failed (%s); the next round tries again", id, f.getMessage());
                return Uni.createFrom().voidItem();
            }));
        }
        return chain;
    }
}
