package dev.seva.payment.service;

import dev.seva.contracts.payments.PaymentOrderEvent;
import dev.seva.payment.client.RazorpayGateway;
import dev.seva.payment.config.PaymentConfig;
import dev.seva.payment.domain.CaptureRules;
import dev.seva.payment.domain.OrderState;
import dev.seva.payment.domain.WithdrawalRules;
import dev.seva.payment.persistence.AttemptRow;
import dev.seva.payment.persistence.Locks;
import dev.seva.payment.persistence.OrderRow;
import dev.seva.outbox.MessageLog;
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
import java.util.Map;

/**
 * payments.orders.v1: {@code payment.order.requested} makes an OPEN order (once per orderId, however often delivered),
 * then, when payment links are on and the order lives long enough, a Razorpay payment link for it, announced with
 * {@code payment.order.opened}; {@code payment.order.withdrawn} ends an order ({@link WithdrawalRules}).
 */
@ApplicationScoped
public class Orders {

    private static final Logger LOG = Logger.getLogger(Orders.class);

    @Inject
    MessageLog messageLog;

    @Inject
    Locks locks;

    @Inject
    PaymentEvents events;

    @Inject
    Refunds refunds;

    @Inject
    RazorpayGateway razorpay;

    @Inject
    PaymentConfig config;

    @Inject
    Clock clock;

    public Uni<Void> onOrderEvent(String topic, PaymentOrderEvent event) {
        if (PaymentOrderEvent.REQUESTED.equals(event.eventType())) {
            return requested(topic, event);
        }
        if (PaymentOrderEvent.WITHDRAWN.equals(event.eventType())) {
            return withdrawn(topic, event);
        }
        throw new Unprocessable("unknown eventType " + event.eventType());
    }

    private Uni<Void> requested(String topic, PaymentOrderEvent e) {
        Instant now = Instant.now(clock);
        boolean withLink = wantsLink(e.expiresAt(), now);
        return Panache.withTransaction(() -> messageLog.firstDelivery(e.eventId(), topic)
                        .chain(first -> OrderRow.<OrderRow>findById(e.orderId()).chain(existing -> {
                            if (!first || existing != null) {
                                return Uni.createFrom().voidItem();
                            }
                            OrderRow o = newOrder(e, now);
                            LOG.infof("Order %s opened (%d paise, expires %s)", o.orderId, o.amountPaise, o.expiresAt);
                            if (withLink) {
                                return o.persist().replaceWithVoid();
                            }
                            o.openedAnnounced = true;
                            return o.persist().chain(() -> events.opened(o, now));
                        })))
                .chain(() -> withLink ? openWithLink(e.orderId()) : Uni.createFrom().voidItem());
    }

    /** Razorpay wants expire_by at least 15 minutes ahead; a shorter-lived order gets no link. */
    boolean wantsLink(Instant expiresAt, Instant now) {
        return config.paymentLinks().enabled() && !expiresAt.isBefore(now.plus(config.paymentLinks().minimumLifetime()));
    }

    /**
     * Makes the order's payment link and announces the order ({@code payment.order.opened}). Never fails and never
     * waits long: without Razorpay the order is announced without a link (the citizen pays in the chat).
     */
    public Uni<Void> openWithLink(String orderId) {
        return Panache.withSession(() -> OrderRow.<OrderRow>findById(orderId)).chain(o -> {
            if (o == null || o.openedAnnounced) {
                return Uni.createFrom().voidItem();
            }
            if (o.state != OrderState.OPEN || !wantsLink(o.expiresAt, Instant.now(clock))) {
                return announce(orderId, null);
            }
            Map<String, String> notes = Map.of("seva_order_id", o.orderId, "department", o.departmentId);
            return razorpay.createPaymentLink(o.orderId, o.amountPaise, o.expiresAt.getEpochSecond(), o.serviceId + " " + o.applicationRef, notes)
                    .onFailure().recoverWithItem(f -> {
                        LOG.warnf("No payment link for order %s (%s): announced without one", orderId, f.getMessage());
                        return null;
                    })
                    .chain(link -> announce(orderId, link));
        });
    }

    private Uni<Void> announce(String orderId, RazorpayGateway.LinkCreated link) {
        return Panache.withTransaction(() -> OrderRow.<OrderRow>findById(orderId, LockModeType.PESSIMISTIC_WRITE).chain(o -> {
            if (o == null || o.openedAnnounced) {
                return Uni.createFrom().voidItem();
            }
            Instant now = Instant.now(clock);
            o.openedAnnounced = true;
            o.updatedAt = now;
            if (link != null) {
                o.paymentLinkId = link.id();
                o.paymentLinkUrl = link.shortUrl() != null && link.shortUrl().matches("^https?://.{1,500}$") ? link.shortUrl() : null;
            }
            return o.state == OrderState.OPEN ? events.opened(o, now) : Uni.createFrom().voidItem();
        }));
    }

    private Uni<Void> withdrawn(String topic, PaymentOrderEvent e) {
        List<String> toRefund = new ArrayList<>();
        return Panache.withTransaction(() -> messageLog.firstDelivery(e.eventId(), topic).chain(first -> !first ? Uni.createFrom().voidItem()
                        : locks.application(PaymentOrderEvent.applicationRefOf(e.orderId()))
                        .chain(() -> OrderRow.<OrderRow>findById(e.orderId(), LockModeType.PESSIMISTIC_WRITE))
                        .chain(o -> {
                            if (o == null) {
                                return Uni.createFrom().failure(new Settlement.UnknownOrder(e.orderId()));
                            }
                            return withdraw(o, e.reason(), toRefund);
                        })))
                .chain(() -> refunds.submitAll(toRefund));
    }

    private Uni<Void> withdraw(OrderRow o, String reason, List<String> toRefund) {
        Instant now = Instant.now(clock);
        WithdrawalRules.Outcome outcome = WithdrawalRules.decide(o.state, reason, o.refundable);
        LOG.infof("Order %s (%s) withdrawn (%s): %s", o.orderId, o.state, reason, outcome);
        switch (outcome) {
            case WITHDRAW:
                markWithdrawn(o, reason, now);
                return Uni.createFrom().voidItem();
            case REFUND_AND_WITHDRAW:
                markWithdrawn(o, reason, now);
                return AttemptRow.<AttemptRow>findById(o.paidPaymentId).chain(paid -> {
                    if (paid == null) {
                        LOG.errorf("Paid order %s has no recorded payment %s: refund it by hand", o.orderId, o.paidPaymentId);
                        return Uni.createFrom().voidItem();
                    }
                    toRefund.add(paid.gatewayPaymentId);
                    String refundReason = WithdrawalRules.APPLICATION_REJECTED.equals(reason) ? CaptureRules.APPLICATION_REJECTED
                            : CaptureRules.ORDER_WITHDRAWN;
                    return refunds.request(o, paid, refundReason, null).replaceWithVoid();
                });
            default:
                return Uni.createFrom().voidItem();
        }
    }

    private static void markWithdrawn(OrderRow o, String reason, Instant now) {
        o.moveTo(OrderState.WITHDRAWN, now);
        o.withdrawnAt = now;
        o.withdrawnReason = reason;
    }

    private static OrderRow newOrder(PaymentOrderEvent e, Instant now) {
        OrderRow o = new OrderRow();
        o.orderId = e.orderId();
        o.applicationRef = e.applicationRef();
        o.departmentId = e.departmentId();
        o.serviceId = e.serviceId();
        o.citizenRef = e.citizenRef();
        o.purpose = e.purpose();
        o.currency = e.currency();
        o.amountPaise = e.amountPaise();
        o.taxPaise = e.taxPaise() == null ? 0 : e.taxPaise();
        o.refundable = Boolean.TRUE.equals(e.refundable());
        o.expiresAt = e.expiresAt();
        o.phoneNumberId = e.phoneNumberId();
        o.paymentConfiguration = e.paymentConfiguration();
        o.attempt = e.attempt();
        o.state = OrderState.OPEN;
        o.createdAt = now;
        o.updatedAt = now;
        return o;
    }
}
