package dev.seva.notification.messaging;

import dev.seva.contracts.Topics;
import dev.seva.contracts.whatsapp.WhatsAppStatusReceived;
import dev.seva.notification.deadletter.DeadLetter;
import dev.seva.notification.deadletter.DeadLetterPublisher;
import dev.seva.notification.config.NotificationConfig;
import dev.seva.notification.service.KeyedLanes;
import dev.seva.notification.service.StatusService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;

/**
 * Consumes {@code whatsapp.status.v1}, one lane per recipient. A status that breaks its contract goes
 * to {@code whatsapp.status.v1.dlq}. Applying a status is idempotent (statuses only move forward), so a
 * redelivered status has no second effect.
 */
@ApplicationScoped
public class StatusConsumer {

    private final StatusService statuses;
    private final DeadLetterPublisher deadLetters;
    private final KeyedLanes lanes;

    public StatusConsumer(StatusService statuses, DeadLetterPublisher deadLetters, NotificationConfig config) {
        this.statuses = statuses;
        this.deadLetters = deadLetters;
        this.lanes = new KeyedLanes(config.maxInFlight());
    }

    @Incoming("whatsapp-status")
    public Uni<Void> consume(Message<String> message) {
        String key = IncomingRecords.key(message);
        IncomingRecords.Parsed<WhatsAppStatusReceived> parsed =
                IncomingRecords.parse(Topics.WHATSAPP_STATUS, message.getPayload(), WhatsAppStatusReceived.class);
        Uni<Void> work = parsed.event() == null
                ? deadLetters.publish(new DeadLetter(Topics.WHATSAPP_STATUS_DLQ, Topics.WHATSAPP_STATUS, key, message.getPayload(),
                        WhatsAppStatusReceived.EVENT_TYPE, parsed.eventId(), parsed.problem(), null, 1))
                : Uni.createFrom().deferred(() -> statuses.apply(parsed.event()))
                        .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).expireIn(60_000);
        return lanes.submit(key == null ? "" : key, () -> IncomingRecords.settle(message, work));
    }
}
