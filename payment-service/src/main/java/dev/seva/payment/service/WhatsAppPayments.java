package dev.seva.payment.service;

import dev.seva.contracts.payments.PaymentEvent;
import dev.seva.contracts.whatsapp.WhatsAppPaymentReceived;
import dev.seva.payment.client.GatewayRefused;
import dev.seva.payment.client.MetaPayments;
import dev.seva.payment.persistence.OrderRow;
import dev.seva.outbox.MessageLog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * whatsapp.payments.v1: a WhatsApp payment status webhook is only the signal to look. The order's payment is looked
 * up at Meta with the order's own number and payment configuration (never the webhook's), and settled from that
 * answer ({@link Settlement}, settled by {@code whatsapp_webhook}); the webhook's status, amount and ids are not used.
 * Its recipient (a phone number) is never read. Meta not answering is waited out (the consumer holds the partition);
 * an order this service does not have is dead-lettered.
 */
@ApplicationScoped
public class WhatsAppPayments {

    private static final Logger LOG = Logger.getLogger(WhatsAppPayments.class);

    @Inject
    MetaPayments meta;

    @Inject
    Settlement settlement;

    @Inject
    MessageLog messageLog;

    public Uni<Void> onPayment(String topic, WhatsAppPaymentReceived webhook) {
        return Panache.withSession(() -> OrderRow.<OrderRow>findById(webhook.referenceId())).chain(order -> {
            if (order == null) {
                throw new Settlement.UnknownOrder(webhook.referenceId());
            }
            if (!order.phoneNumberId.equals(webhook.phoneNumberId())) {
                LOG.warnf("Payment webhook for order %s came through another business number: looked up on the order's own", order.orderId);
            }
            return meta.lookup(order.phoneNumberId, order.paymentConfiguration, order.orderId)
                    .onFailure(GatewayRefused.class).transform(f -> new Unprocessable("Meta refused the payment look-up of order "
                            + order.orderId + ": " + f.getMessage()))
                    .chain(seen -> settlement.settle(order.orderId, seen, PaymentEvent.SETTLED_BY_WHATSAPP,
                            () -> messageLog.firstDelivery(webhook.eventId(), topic)));
        });
    }
}
