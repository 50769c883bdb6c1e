package dev.seva.document.messaging;

import dev.seva.consumer.RecordReader;
import dev.seva.consumer.UnprocessableRecord;
import dev.seva.contracts.catalogue.CatalogueServicePublished;
import dev.seva.contracts.citizen.CitizenErasureRequested;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.contracts.payments.PaymentEvent;
import dev.seva.document.service.Erasure;
import dev.seva.document.service.Issuance;
import dev.seva.document.service.ReceiptIssuance;
import dev.seva.document.service.ServiceCatalogue;
import dev.seva.outbox.RecordPipeline;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * What document-service reads: every department's outcomes ({@code dept.*.outcomes.v1}, by pattern),
 * payments ({@code payments.events.v1}: a receipt for each {@code payment.paid}), citizens' erasures and the
 * catalogue. Outcomes, payments and erasures go through the platform's one consumer
 * pipeline ({@link RecordPipeline}): checked against the topic's contract, retried when a second try may
 * help (a concurrent insert of the same document), waited for while what they stand on is down (the
 * database; vault-service and the signing token, whose failures are marked {@code WaitFor}: every approval
 * would fail alike, so none is dead-lettered), and otherwise sent unchanged to {@code <topic>.dlq} through
 * the outbox with the reason: never dropped.
 */
@ApplicationScoped
public class Consumers {

    private static final Logger LOG = Logger.getLogger(Consumers.class);

    @Inject
    Issuance issuance;

    @Inject
    ReceiptIssuance receipts;

    @Inject
    Erasure erasure;

    @Inject
    ServiceCatalogue catalogue;

    @Inject
    RecordPipeline pipeline;

    @Incoming("outcomes")
    public Uni<Void> outcome(ConsumerRecord<String, String> record) {
        return pipeline.process(record, ApplicationOutcomeDecided.class, o -> issuance.onOutcome(record.topic(), o));
    }

    /** Every payment event: a {@code payment.paid} becomes one signed receipt; the others are consumed and change nothing. */
    @Incoming("payments")
    public Uni<Void> payment(ConsumerRecord<String, String> record) {
        return pipeline.process(record, PaymentEvent.class, p -> receipts.onPayment(record.topic(), p));
    }

    /**
     * The catalogue, to know which department each service belongs to and which document type it ends
     * in. A tombstone (a retired service) is ignored: its last definition still answers for applications
     * made before. An unreadable record is skipped (logged): the catalogue is catalogue-service's to fix.
     */
    @Incoming("catalogue")
    public Uni<Void> catalogue(ConsumerRecord<String, String> record) {
        if (record.value() != null) {
            try {
                catalogue.learn(RecordReader.read(record, CatalogueServicePublished.class).service());
            } catch (UnprocessableRecord e) {
                LOG.warnf("Catalogue record %s-%d@%d skipped: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        }
        return Uni.createFrom().voidItem();
    }

    @Incoming("erasures")
    public Uni<Void> erasure(ConsumerRecord<String, String> record) {
        return pipeline.process(record, CitizenErasureRequested.class, e -> erasure.onErasure(record.topic(), e));
    }
}
