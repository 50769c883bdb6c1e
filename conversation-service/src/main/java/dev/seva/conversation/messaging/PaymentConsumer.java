package dev.seva.conversation.messaging;

import dev.seva.contracts.payments.PaymentEvent;
import dev.seva.conversation.service.Payments;
import dev.seva.outbox.RecordPipeline;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** What payment-service settled ({@code payments.events.v1}): told to the citizen, a paid fee sends the application on. */
@ApplicationScoped
public class PaymentConsumer {

    @Inject
    Payments payments;

    @Inject
    RecordPipeline pipeline;

    @Incoming("payments")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return pipeline.process(record, PaymentEvent.class, e -> payments.onPaymentEvent(record.topic(), e));
    }
}
