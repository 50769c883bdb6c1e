package dev.seva.payment.service;

import dev.seva.contracts.payments.PaymentEvent;
import dev.seva.payment.client.RazorpayGateway;
import dev.seva.payment.persistence.AttemptRow;
import dev.seva.payment.persistence.OrderRow;
import dev.seva.payment.persistence.RazorpayEventRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.ConsumeEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.eventbus.EventBus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Razorpay webhooks, in two steps so that Razorpay gets its 200 within its 5 seconds whatever Razorpay's own API
 * does: {@link #accept} stores the event's ids under its {@code x-razorpay-event-id} (a second delivery stores
 * nothing), then {@link #process} works it: a payment event is confirmed with {@code GET /payments/{id}} and settled
 * from that answer (settled by {@code gateway_webhook}); a refund event finishes Seva's refund. The event is marked
 * processed in the transaction of its effect, so a redelivery, a retry or a second replica has no second effect.
 * What cannot be worked now (Razorpay down) is left for the reconciliation round.
 */
@ApplicationScoped
public class RazorpayWebhooks {

    static final String ADDRESS = "seva.payment.razorpay-event";
    private static final Logger LOG = Logger.getLogger(RazorpayWebhooks.class);

    @Inject
    RazorpayGateway razorpay;

    @Inject
    Settlement settlement;

    @Inject
    Refunds refunds;

    @Inject
    EventBus bus;

    @Inject
    Clock clock;

    /** Stores the event once; true when it is new (and is then worked at once, after this returns). */
    public Uni<Boolean> accept(String eventId, RazorpayNotice notice) {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                                "INSERT INTO razorpay_event (event_id, event_type, order_ref, gateway_order_id, gateway_payment_id, gateway_refund_id, "
                                        + "refund_status, received_at, tries) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0) ON CONFLICT (event_id) DO NOTHING")
                        .setParameter(1, eventId).setParameter(2, notice.event()).setParameter(3, notice.orderRef())
                        .setParameter(4, notice.gatewayOrderId()).setParameter(5, notice.gatewayPaymentId())
                        .setParameter(6, notice.gatewayRefundId()).setParameter(7, notice.refundStatus())
                        .setParameter(8, Instant.now(clock))
                        .executeUpdate()))
                .map(inserted -> inserted == 1)
                .invoke(fresh -> {
                    if (fresh) {
                        bus.send(ADDRESS, eventId);
                    }
                });
    }

    /** Works a freshly accepted event on its own (safe) Vert.x context; a failure leaves it for the reconciliation round. */
    @ConsumeEvent(ADDRESS)
    public Uni<Void> onAccepted(String eventId) {
        return process(eventId);
    }

    /** Works the event if it is not processed yet; never fails (a failure is counted on the row and left for later). */
    public Uni<Void> process(String eventId) {
        return Panache.withSession(() -> RazorpayEventRow.<RazorpayEventRow>findById(eventId))
                .chain(row -> row == null || row.processedAt != null ? Uni.createFrom().voidItem() : work(row))
                .onFailure().recoverWithUni(f -> {
                    LOG.warnf("Razorpay event %s not worked yet (%s); the reconciliation round tries again", eventId, f.getMessage());
                    return Panache.withTransaction(() -> RazorpayEventRow.update("tries = tries + 1 where eventId = ?1", eventId))
                            .onFailure().recoverWithNull().replaceWithVoid();
                });
    }

    private Uni<Void> work(RazorpayEventRow row) {
        if (RazorpayNotice.REFUND_EVENTS.contains(row.eventType)) {
            return refundEvent(row);
        }
        if (row.gatewayPaymentId == null) {
            return finish(row.eventId, "no_payment");
        }
        return razorpay.payment(row.gatewayPaymentId).chain(seen -> orderOf(row, seen).chain(orderId -> {
            if (orderId == null) {
                LOG.warnf("Razorpay %s for payment %s names no Seva order: not settled (an operator may look)", row.eventType, row.gatewayPaymentId);
                return finish(row.eventId, "unmatched");
            }
            return settlement.settle(orderId, List.of(seen.observation()), PaymentEvent.SETTLED_BY_GATEWAY, () -> markProcessed(row.eventId, "settled"))
                    .onFailure(Settlement.UnknownOrder.class).recoverWithUni(f -> finish(row.eventId, "unmatched"));
        }));
    }

    private Uni<Void> refundEvent(RazorpayEventRow row) {
        boolean processed = "refund.processed".equals(row.eventType);
        return Panache.withTransaction(() -> markProcessed(row.eventId, processed ? "refund_processed" : "refund_failed").chain(first -> {
            if (!first || row.gatewayPaymentId == null) {
                return Uni.createFrom().voidItem();
            }
            Uni<Boolean> known = processed ? refunds.processedByGateway(row.gatewayPaymentId, row.gatewayRefundId, PaymentEvent.SETTLED_BY_GATEWAY)
                    : refunds.failedAtGateway(row.gatewayPaymentId, "refund_failed", "Razorpay reported the refund failed", PaymentEvent.SETTLED_BY_GATEWAY);
            return known.invoke(k -> {
                if (!k) {
                    LOG.infof("Razorpay %s for a refund Seva did not ask for (payment %s): ignored", row.eventType, row.gatewayPaymentId);
                }
            }).replaceWithVoid();
        }));
    }

    /** The Seva order: the webhook's receipt/notes/reference, the payment's notes, else the attempt or order with its gateway order id. */
    private Uni<String> orderOf(RazorpayEventRow row, RazorpayGateway.PaymentSeen seen) {
        if (row.orderRef != null) {
            return Uni.createFrom().item(row.orderRef);
        }
        if (seen.orderRef() != null) {
            return Uni.createFrom().item(seen.orderRef());
        }
        String gatewayOrderId = seen.observation().gatewayOrderId() != null ? seen.observation().gatewayOrderId() : row.gatewayOrderId;
        if (gatewayOrderId == null) {
            return Uni.createFrom().nullItem();
        }
        return Panache.withSession(() -> AttemptRow.<AttemptRow>find("gatewayOrderId", gatewayOrderId).firstResult()
                .chain(a -> a != null ? Uni.createFrom().item(a.orderId)
                        : OrderRow.<OrderRow>find("gatewayOrderId", gatewayOrderId).firstResult().map(o -> o == null ? null : o.orderId)));
    }

    private Uni<Void> finish(String eventId, String outcome) {
        return Panache.withTransaction(() -> markProcessed(eventId, outcome)).replaceWithVoid();
    }

    /** In the caller's transaction: marks the event processed; false when it already was (another delivery or replica won). */
    private Uni<Boolean> markProcessed(String eventId, String outcome) {
        return RazorpayEventRow.update("processedAt = ?1, outcome = ?2 where eventId = ?3 and processedAt is null", Instant.now(clock), outcome, eventId)
                .map(count -> count == 1);
    }
}
