package dev.seva.conversation.service;

import dev.seva.contracts.EventIds;
import dev.seva.contracts.LocalizedText;
import dev.seva.contracts.Topics;
import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.contracts.department.ApplicationEvent;
import dev.seva.contracts.payments.PaymentEvent;
import dev.seva.contracts.payments.PaymentOrderEvent;
import dev.seva.conversation.config.ConversationConfig;
import dev.seva.conversation.domain.Language;
import dev.seva.conversation.domain.Messages;
import dev.seva.conversation.domain.Reply;
import dev.seva.conversation.persistence.ApplicationRow;
import dev.seva.conversation.persistence.CitizenRow;
import dev.seva.outbox.MessageLog;
import dev.seva.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fees paid in the chat before an application goes to its department (WhatsApp Payments for India). At submission the
 * application is saved with its department event ready ({@code awaiting_payment}), an order goes to payment-service on
 * {@code payments.orders.v1} and the citizen gets WhatsApp's "Review and pay" message, in one transaction. What
 * payment-service settles ({@code payments.events.v1}) is told to the citizen; a paid fee sends the application on,
 * exactly once (the row is locked and its status decides). payment-service never learns the citizen's number: this
 * service, which holds it, sends every payment message.
 */
@ApplicationScoped
public class Payments {

    private static final Logger LOG = Logger.getLogger(Payments.class);
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm").withZone(Applications.INDIA);

    @Inject
    Outbox outbox;

    @Inject
    OutboundMessages outbound;

    @Inject
    MessageLog messageLog;

    @Inject
    VaultAccess vault;

    @Inject
    ConversationConfig config;

    Clock clock = Clock.systemUTC();

    /** A service whose fee is paid in the chat before its application is sent. */
    public boolean paidFirst(ServiceDefinition service) {
        return config.payments().enabled() && service.deliveryMode() == ServiceDefinition.DeliveryMode.APPLICATION
                && service.feeRupees() != null && service.feeRupees().signum() > 0;
    }

    public static long paise(BigDecimal rupees) {
        return rupees.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    static String rupees(long paise) {
        return String.format(java.util.Locale.ROOT, "%d.%02d", paise / 100, paise % 100);
    }

    /**
     * Opens the application's current order ({@code <reference>-<attempt>}): its event for payment-service and the
     * payment request, with an introduction the first time.
     */
    Uni<List<Reply>> requestPayment(CitizenRow citizen, ApplicationRow app, boolean introduce) {
        Language l = Language.of(citizen.language);
        String orderId = PaymentOrderEvent.orderId(app.reference, app.paymentAttempt);
        Instant now = Instant.now(clock);
        Instant expiresAt = now.plus(config.payments().expiry()).truncatedTo(ChronoUnit.SECONDS);
        String service = serviceName(app, l);
        String amount = rupees(app.feePaise);
        boolean bill = app.billId != null;
        String item = bill ? billItem(app, l) : Messages.text(l, "payment.order.item");
        PaymentOrderEvent order = new PaymentOrderEvent(EventIds.random(), PaymentOrderEvent.REQUESTED, now, orderId, app.reference,
                app.departmentId, app.serviceId, citizen.citizenRef, bill ? PaymentOrderEvent.PURPOSE_BILL : PaymentOrderEvent.PURPOSE_APPLICATION_FEE, "INR", app.feePaise, 0L,
                List.of(new PaymentOrderEvent.Item(app.serviceId, item, app.feePaise, 1)), app.feeRefundable, expiresAt, citizen.phoneNumberId,
                config.payments().configuration(), app.paymentAttempt, null);
        List<Reply> replies = new ArrayList<>();
        if (introduce) {
            replies.add(new Reply.Text(Messages.text(l, "payment.requested.text", service, app.reference, amount, UNTIL.format(expiresAt))));
        }
        replies.add(new Reply.OrderDetails(orderId, Messages.text(l, bill ? "bill.order.body" : "payment.order.body", service, app.reference, amount),
                app.serviceId,
                item, app.feePaise, expiresAt, Messages.text(l, "payment.order.description", UNTIL.format(expiresAt)),
                Map.of("department", app.departmentId, "service", app.serviceId)));
        return outbox.append(Topics.PAYMENTS_ORDERS, citizen.citizenRef, order).replaceWith(replies);
    }

    /** "Pay again" after an expiry: a new order for the same application; anything else is nothing to pay. */
    public Uni<List<Reply>> payAgain(CitizenRow citizen, String reference) {
        Language l = Language.of(citizen.language);
        return ApplicationRow.<ApplicationRow>findById(reference, LockModeType.PESSIMISTIC_WRITE).chain(app -> {
            if (app == null || !app.citizenRef.equals(citizen.citizenRef) || !ApplicationRow.PAYMENT_EXPIRED.equals(app.status)
                    || app.paymentAttempt == null || app.paymentAttempt >= 99) {
                return Uni.createFrom().item(List.<Reply>of(new Reply.Text(Messages.text(l, "payment.again.unknown.text", reference))));
            }
            app.paymentAttempt = app.paymentAttempt + 1;
            app.status = ApplicationRow.AWAITING_PAYMENT;
            app.updatedAt = Instant.now(clock);
            return requestPayment(citizen, app, false);
        });
    }

    /**
     * The department rejected an application whose fee was paid: its order is withdrawn, and payment-service refunds the
     * fee when the catalogue said it is refundable (the order says so).
     */
    Uni<Void> withdrawForRejection(ApplicationRow app) {
        if (app.receiptNumber == null || app.paymentAttempt == null) {
            return Uni.createFrom().voidItem();
        }
        return withdraw(app, "application_rejected");
    }

    /** An order an erased citizen will never pay: payment-service stops accepting payments for it. */
    Uni<Void> withdrawForErasure(CitizenRow citizen, ApplicationRow app) {
        return withdraw(app, "erased");
    }

    /** {@code payment.order.withdrawn} of the application's current order, for payment-service. */
    private Uni<Void> withdraw(ApplicationRow app, String reason) {
        PaymentOrderEvent withdrawn = new PaymentOrderEvent(EventIds.random(), PaymentOrderEvent.WITHDRAWN, Instant.now(clock),
                PaymentOrderEvent.orderId(app.reference, app.paymentAttempt), app.reference, app.departmentId, null, app.citizenRef,
                null, null, null, null, null, null, null, null, null, null, reason);
        return outbox.append(Topics.PAYMENTS_ORDERS, app.citizenRef, withdrawn);
    }

    public Uni<Void> onPaymentEvent(String topic, PaymentEvent event) {
        return Panache.withTransaction(() -> messageLog.firstDelivery(event.eventId(), topic)
                .chain(first -> first ? apply(event) : Uni.createFrom().voidItem()));
    }

    private Uni<Void> apply(PaymentEvent e) {
        return ApplicationRow.<ApplicationRow>findById(e.applicationRef(), LockModeType.PESSIMISTIC_WRITE).chain(app -> {
            if (app == null) {
                throw new DepartmentUpdates.Unprocessable("unknown application " + e.applicationRef());
            }
            if (!app.citizenRef.equals(e.citizenRef())) {
                throw new DepartmentUpdates.Unprocessable("citizenRef does not match application " + e.applicationRef());
            }
            // An erased citizen (no key) is told nothing; their rows go with their erasure.
            return vault.keyUnlessErased(app.citizenRef)
                    .chain(key -> key == null ? Uni.createFrom().voidItem()
                            : CitizenRow.<CitizenRow>findById(app.citizenRef).chain(citizen -> tell(e, app, citizen)));
        });
    }

    private Uni<Void> tell(PaymentEvent e, ApplicationRow app, CitizenRow citizen) {
        Language l = Language.of(citizen.language);
        boolean current = app.paymentAttempt != null && PaymentOrderEvent.orderId(app.reference, app.paymentAttempt).equals(e.orderId());
        boolean awaiting = ApplicationRow.AWAITING_PAYMENT.equals(app.status);
        String service = serviceName(app, l);
        String amount = rupees(e.amountPaise());
        List<Reply> replies = new ArrayList<>();
        Uni<Void> effect = Uni.createFrom().voidItem();
        switch (e.eventType()) {
            case PaymentEvent.PAID -> {
                if (!awaiting && !ApplicationRow.PAYMENT_EXPIRED.equals(app.status)) {
                    // Already sent on (a second order of the same application paid): payment-service refunds it.
                    LOG.infof("Application %s was paid again (order %s): it is already with its department", app.reference, e.orderId());
                    break;
                }
                effect = sendToDepartment(app, e);
                replies.add(app.billId != null
                        ? new Reply.OrderStatus(e.orderId(), Messages.text(l, "bill.paid.body", amount, e.receiptNumber(), app.reference, service),
                        "completed", Messages.text(l, "bill.paid.description", e.receiptNumber()))
                        : new Reply.OrderStatus(e.orderId(), Messages.text(l, "payment.paid.body", amount, e.receiptNumber(), app.reference,
                        service, app.slaDays), "completed", Messages.text(l, "payment.paid.description", e.receiptNumber())));
            }
            case PaymentEvent.FAILED -> {
                if (awaiting && current) {
                    replies.add(new Reply.Text(Messages.text(l, "payment.failed.text", amount, app.reference,
                            Messages.text(l, "payment.failed.reason"))));
                }
            }
            case PaymentEvent.EXPIRED -> {
                if (awaiting && current) {
                    app.status = ApplicationRow.PAYMENT_EXPIRED;
                    app.updatedAt = Instant.now(clock);
                    String description = Messages.text(l, "payment.expired.description");
                    replies.add(new Reply.OrderStatus(e.orderId(), description, "canceled", description));
                    replies.add(new Reply.Buttons(Messages.text(l, "payment.expired.body", app.reference, service),
                            List.of(new Reply.Button("pay:" + app.reference, Messages.text(l, "payment.again.button")))));
                }
            }
            case PaymentEvent.ORDER_OPENED -> {
                if (awaiting && current && e.paymentLinkUrl() != null) {
                    replies.add(new Reply.Text(Messages.text(l, "payment.link.text", service, e.paymentLinkUrl())));
                }
            }
            case PaymentEvent.REFUND_REQUESTED -> replies.add(new Reply.Text(Messages.text(l,
                    PaymentEvent.REFUND_DUPLICATE_PAYMENT.equals(e.refundReason()) ? "payment.refund.requested.text" : "payment.refund.rejected.text",
                    app.reference, amount)));
            case PaymentEvent.REFUNDED -> replies.add(new Reply.Text(Messages.text(l, "payment.refunded.text", app.reference, amount)));
            case PaymentEvent.REFUND_FAILED -> LOG.errorf("The refund of order %s failed at the payment gateway: the treasury must refund it by hand",
                    e.orderId());
            default -> throw new DepartmentUpdates.Unprocessable("unknown payment event " + e.eventType());
        }
        return effect.chain(() -> replies.isEmpty() ? Uni.createFrom().voidItem()
                : outbound.send(OutboundMessages.Recipient.of(citizen), replies, null, app.reference));
    }

    /** The department event prepared at submission, with the fee paid, to the department's topic; the clock starts now. */
    private Uni<Void> sendToDepartment(ApplicationRow app, PaymentEvent paid) {
        ApplicationEvent prepared = Json.read(app.pendingSubmission, ApplicationEvent.class);
        Instant now = Instant.now(clock);
        ApplicationEvent event = new ApplicationEvent(prepared.eventId(), prepared.eventType(), now, prepared.departmentId(),
                prepared.applicationRef(), prepared.serviceId(), prepared.serviceVersion(), prepared.citizenRef(), prepared.language(),
                prepared.slaDays(), prepared.fields(), prepared.attachments(), prepared.information(),
                new ApplicationEvent.FeePaid(paid.orderId(), paid.receiptNumber(), paid.amountPaise(), paid.paidAt(), app.billId));
        app.status = ApplicationRow.SUBMITTED;
        app.submittedAt = now;
        app.updatedAt = now;
        app.pendingSubmission = null;
        app.receiptNumber = paid.receiptNumber();
        return outbox.append(Topics.departmentApplications(app.departmentId), app.citizenRef, event);
    }

    /** A bill's line on the order: what it is for (its period), within Meta's 60 characters. */
    private static String billItem(ApplicationRow app, Language l) {
        String period = app.billPeriod == null ? null : Json.read(app.billPeriod, LocalizedText.class).in(l.code());
        String item = period == null ? Messages.text(l, "bill.order.item") : Messages.text(l, "bill.order.item") + " " + period;
        return item.length() <= 60 ? item : item.substring(0, 60);
    }

    private static String serviceName(ApplicationRow app, Language l) {
        return Json.read(app.serviceName, LocalizedText.class).in(l.code());
    }
}
