package dev.seva.notification.persistence;

import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code delivery}: what happened to one outbound command. */
public record DeliveryRecord(
        UUID commandId,
        String phoneNumberId,
        String kind,
        String state,
        String wamid,
        String status,
        int attempts,
        Integer lastErrorCode,
        String lastError,
        String fallbackTemplate,
        boolean fallbackUsed,
        UUID owner,
        Instant lastAttemptAt,
        Instant commandAt,
        Instant enqueuedAt,
        Instant acceptedAt,
        Instant statusAt,
        Instant updatedAt,
        String citizenRef) {

    public static final String SENDING = "sending";
    public static final String ACCEPTED = "accepted";
    public static final String FAILED = "failed";

    static final String COLUMNS = "command_id, phone_number_id, kind, state, wamid, status, attempts, last_error_code, last_error, "
            + "fallback_template, fallback_used, owner, last_attempt_at, command_at, enqueued_at, accepted_at, status_at, updated_at, citizen_ref";

    static DeliveryRecord of(Row row) {
        return new DeliveryRecord(row.getUUID("command_id"), row.getString("phone_number_id"), row.getString("kind"),
                row.getString("state"), row.getString("wamid"), row.getString("status"), row.getInteger("attempts"),
                row.getInteger("last_error_code"), row.getString("last_error"), row.getString("fallback_template"),
                row.getBoolean("fallback_used"), row.getUUID("owner"), instant(row, "last_attempt_at"), instant(row, "command_at"),
                instant(row, "enqueued_at"), instant(row, "accepted_at"), instant(row, "status_at"), instant(row, "updated_at"),
                row.getString("citizen_ref"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
