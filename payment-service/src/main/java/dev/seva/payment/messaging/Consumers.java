package dev.seva.payment.messaging;

import dev.seva.contracts.citizen.CitizenErasureRequested;
import dev.seva.contracts.payments.PaymentOrderEvent;
import dev.seva.contracts.whatsapp.WhatsAppPaymentReceived;
import dev.seva.outbox.RecordPipeline;
import dev.seva.payment.service.Erasure;
import dev.seva.payment.service.Orders;
import dev.seva.payment.service.WhatsAppPayments;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What payment-service reads: orders ({@code payments.orders.v1}), WhatsApp payment webhooks
 * ({@code whatsapp.payments.v1}) and citizens' erasures. All through the platform's one consumer pipeline
 * ({@link RecordPipeline}): checked against the topic's contract, retried when a second try may help, waited for while
 * what they stand on is down (the database; Meta's look-up, whose unavailability is {@code WaitFor}), and otherwise
 * sent unchanged to {@code <topic>.dlq} through the outbox with the reason (an order never heard of): never dropped.
 */
@ApplicationScoped
public class Consumers {

    @Inject
    Orders orders;

    @Inject
    WhatsAppPayments whatsAppPayments;

    @Inject
    Erasure erasure;

    @Inject
    RecordPipeline pipeline;

    @Incoming("orders")
    public Uni<Void> order(ConsumerRecord<String, String> record) {
        return pipeline.process(record, PaymentOrderEvent.class, e -> orders.onOrderEvent(record.topic(), e));
    }

    @Incoming("whatsapp-payments")
    public Uni<Void> whatsAppPayment(ConsumerRecord<String, String> record) {
        return pipeline.process(record, WhatsAppPaymentReceived.class, p -> whatsAppPayments.onPayment(record.topic(), p));
    }

    @Incoming("erasures")
    public Uni<Void> erasure(ConsumerRecord<String, String> record) {
        return pipeline.process(record, CitizenErasureRequested.class, e -> erasure.onErasure(record.topic(), e));
    }
}
