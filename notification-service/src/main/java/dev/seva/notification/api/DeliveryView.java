package dev.seva.notification.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.seva.notification.persistence.DeliveryRecord;

import java.time.Instant;
import java.util.UUID;

/**
 * What operators see of one command: where its delivery stands, never what it said or to whom.
 *
 * @param state  sending, accepted (Meta returned wamid) or failed (dead-lettered)
 * @param status the latest delivery status Meta reported: sent, delivered, read, failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(
        UUID commandId,
        String kind,
        String phoneNumberId,
        String state,
        String status,
        String wamid,
        int attempts,
        LastError lastError,
        boolean fallbackUsed,
        Instant commandAt,
        Instant enqueuedAt,
        Instant acceptedAt,
        Instant statusAt,
        Instant updatedAt) {

    /** Meta's error code (when there was one) and its summary. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LastError(Integer code, String message) {
    }

    static DeliveryView of(DeliveryRecord r) {
        return new DeliveryView(r.commandId(), r.kind(), r.phoneNumberId(), r.state(), r.status(), r.wamid(), r.attempts(),
                r.lastError() == null && r.lastErrorCode() == null ? null : new LastError(r.lastErrorCode(), r.lastError()),
                r.fallbackUsed(), r.commandAt(), r.enqueuedAt(), r.acceptedAt(), r.statusAt(), r.updatedAt());
    }
}
