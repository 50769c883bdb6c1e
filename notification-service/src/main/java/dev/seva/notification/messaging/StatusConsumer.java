package dev.seva.notification.messaging;

import dev.seva.consumer.RecordPipeline;
import dev.seva.contracts.whatsapp.WhatsAppStatusReceived;
import dev.seva.notification.config.NotificationConfig;
import dev.seva.notification.deadletter.DeadLetterPublisher;
import dev.seva.notification.service.KeyedLanes;
import dev.seva.notification.service.StatusService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code whatsapp.status.v1}, one lane per recipient, through the platform's one consumer
 * pipeline: a status that breaks its contract goes to {@code whatsapp.status.v1.dlq}, the database being
 * down is waited out, anything else is tried a few times, then dead-lettered. Applying a status is
 * idempotent (statuses only move forward), so a redelivered or retried status has no second effect.
 */
@ApplicationScoped
public class StatusConsumer {

    private final StatusService statuses;
    private final RecordPipeline pipeline;
    private final KeyedLanes lanes;

    public StatusConsumer(StatusService statuses, DeadLetterPublisher deadLetters, NotificationConfig config) {
        this.statuses = statuses;
        this.pipeline = new RecordPipeline(deadLetters);
        this.lanes = new KeyedLanes(config.maxInFlight());
    }

    @Incoming("whatsapp-status")
    public Uni<Void> consume(Message<String> message) {
        ConsumerRecord<String, String> record = IncomingRecords.record(message);
        return lanes.submit(record.key() == null ? "" : record.key(), () -> IncomingRecords.settle(message,
                pipeline.process(record, WhatsAppStatusReceived.class, statuses::apply)));
    }
}
