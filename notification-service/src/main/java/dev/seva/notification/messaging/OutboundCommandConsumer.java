package dev.seva.notification.messaging;

import dev.seva.consumer.DeadLetter;
import dev.seva.consumer.RecordReader;
import dev.seva.consumer.UnprocessableRecord;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    /**
     * Read with the platform's {@link RecordReader}; a command that is not one is dead-lettered in the platform's layout. The
     * delivery itself is not the generic pipeline's: Meta's failures have their own retries and dead letters (README).
     */
    @Incoming("whatsapp-outbound")
    public Uni<Void> consume(Message<String> message) {
        ConsumerRecord<String, String> record = IncomingRecords.record(message);
        String key = record.key();
        SendMessage command;
        try {
            command = RecordReader.read(record, SendMessage.class);
        } catch (UnprocessableRecord e) {
            return lanes.submit(key == null ? "" : key, () -> IncomingRecords.settle(message,
                    deliveries.unreadable(DeadLetter.of(record, e.getMessage(), 0))));
        }
        // Pacing is waited out by the citizen's lane before the command takes one of the shared permits.
        return lanes.submit(command.to().key(), () -> sender.pace(command),
                () -> IncomingRecords.settle(message, deliveries.handle(command, key, record.value(), IncomingRecords.timestamp(record))),
                () -> IncomingRecords.settle(message, deliveries.backlogged(command, key, record.value())));
    }
}
