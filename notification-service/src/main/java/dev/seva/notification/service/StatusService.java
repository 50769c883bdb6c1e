package dev.seva.notification.service;

import dev.seva.contracts.whatsapp.MetaError;
import dev.seva.contracts.whatsapp.WhatsAppStatusReceived;
import dev.seva.contracts.whatsapp.WhatsAppStatusReceived.DeliveryStatus;
import dev.seva.notification.persistence.DeliveryRecord;
import dev.seva.notification.persistence.DeliveryRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * Applies Meta's delivery statuses ({@code whatsapp.status.v1}) to the deliveries: statuses only move
 * forward (sent, delivered, read; failed), whatever order they arrive in. A status for a message we
 * never recorded, naming one of our commands in {@code biz_opaque_callback_data}, records that Meta
 * took a send whose answer we lost. A failed status with 131047 sends the command's fallback template.
 */
@ApplicationScoped
public class StatusService {

    private static final Logger LOG = Logger.getLogger(StatusService.class);
    private static final int REENGAGEMENT = 131047;

    private final DeliveryRepository deliveries;
    private final DeliveryService delivery;
    private final NotificationMetrics metrics;

    public StatusService(DeliveryRepository deliveries, DeliveryService delivery, NotificationMetrics metrics) {
        this.deliveries = deliveries;
        this.delivery = delivery;
        this.metrics = metrics;
    }

    public Uni<Void> apply(WhatsAppStatusReceived event) {
        String status = event.status().wireName();
        MetaError error = event.errors() == null || event.errors().isEmpty() ? null : event.errors().get(0);
        Integer code = error == null ? null : error.code();
        String errorText = error == null ? null : code + " " + (error.title() != null ? error.title() : error.message());
        return deliveries.applyStatus(event.messageId(), status, event.occurredAt(), code, errorText)
                .chain(applied -> {
                    if (applied.isPresent()) {
                        metrics.status(status, "applied");
                        if (event.status() == DeliveryStatus.FAILED) {
                            metrics.deliveryFailed(code == null ? "none" : code.toString());
                            LOG.warnf("Meta reports command %s failed: %s", applied.get().commandId(), errorText);
                        }
                        return Uni.createFrom().voidItem();
                    }
                    return recover(event, status);
                })
                .chain(() -> event.status() == DeliveryStatus.FAILED && code != null && code == REENGAGEMENT
                        ? fallBack(event) : Uni.createFrom().voidItem());
    }

    private Uni<Void> recover(WhatsAppStatusReceived event, String status) {
        UUID commandId = commandId(event.bizOpaqueCallbackData());
        boolean success = event.status() == DeliveryStatus.SENT || event.status() == DeliveryStatus.DELIVERED
                || event.status() == DeliveryStatus.READ;
        if (commandId == null || !success) {
            metrics.status(status, "unknown-or-stale");
            return Uni.createFrom().voidItem();
        }
        return deliveries.recover(commandId, event.messageId(), status, event.occurredAt()).invoke(recovered -> {
            metrics.status(status, recovered ? "recovered" : "unknown-or-stale");
            if (recovered) {
                LOG.infof("Command %s: Meta's status shows it was accepted; recorded, it will not be sent again", commandId);
            }
        }).replaceWithVoid();
    }

    private Uni<Void> fallBack(WhatsAppStatusReceived event) {
        return deliveries.findByWamid(event.messageId()).chain(row -> {
            if (row.isEmpty() || row.get().fallbackTemplate() == null) {
                return Uni.createFrom().voidItem();
            }
            DeliveryRecord found = row.get();
            if (found.fallbackUsed() && !DeliveryRecord.SENDING.equals(found.state())) {
                return Uni.createFrom().voidItem();
            }
            return delivery.fallBack(found, event.recipient());
        });
    }

    private static UUID commandId(String bizOpaque) {
        if (bizOpaque == null || bizOpaque.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(bizOpaque);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
