package dev.seva.notification.messaging;

import dev.seva.contracts.Topics;
import dev.seva.contracts.whatsapp.SendMessage;
import dev.seva.notification.config.NotificationConfig;
import dev.seva.notification.service.DeliveryService;
import dev.seva.notification.service.KeyedLanes;
import dev.seva.notification.service.NotificationMetrics;
import dev.seva.notification.service.Sender;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Consumes {@code whatsapp.outbound.v1}. Each command joins its citizen's lane (one citizen's messages
 * leave in order, different citizens' at once); a lane waits out its citizen's pacing holding no shared
 * permit, and a citizen with too many commands waiting has the next ones dead-lettered (see KeyedLanes).
 * The record is acknowledged when its delivery has
 * ended (accepted, dead-lettered, or found already done), and offsets are committed only up to the
 * oldest record not yet acknowledged (throttled commit strategy), so a crash re-delivers, never skips.
 */
@ApplicationScoped
public class OutboundCommandConsumer {

    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final DeliveryService deliveries;
    private final Sender sender;
    private final KeyedLanes lanes;

    public OutboundCommandConsumer(DeliveryService deliveries, Sender sender, NotificationMetrics metrics, NotificationConfig config) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.lanes = new KeyedLanes(config.maxInFlight(), config.maxQueued(), config.maxQueuedPerCitizen());
        metrics.inFlight(lanes);
    }

    /** On shutdown, lets deliveries under way record their outcome (bounded), so fewer need a takeover after the restart. */
    void drain(@Observes ShutdownEvent event) {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (lanes.inFlight() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000_000L);
        }
    }

    @Incoming("whatsapp-outbound")
    public Uni<Void> consume(Message<String> message) {
        String key = IncomingRecords.key(message);
        IncomingRecords.Parsed<SendMessage> parsed = IncomingRecords.parse(Topics.WHATSAPP_OUTBOUND, message.getPayload(), SendMessage.class);
        if (parsed.event() == null) {
            return lanes.submit(key == null ? "" : key, () -> IncomingRecords.settle(message,
                    deliveries.unreadable(key, message.getPayload(), parsed.eventId(), parsed.problem())));
        }
        SendMessage command = parsed.event();
        // Pacing is waited out by the citizen's lane before the command takes one of the shared permits.
        return lanes.submit(command.to().key(), () -> sender.pace(command),
                () -> IncomingRecords.settle(message, deliveries.handle(command, key, message.getPayload(), IncomingRecords.timestamp(message))),
                () -> IncomingRecords.settle(message, deliveries.backlogged(command, key, message.getPayload())));
    }
}
