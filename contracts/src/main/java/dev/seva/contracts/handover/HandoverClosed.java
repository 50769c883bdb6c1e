package dev.seva.contracts.handover;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/** An officer closed a handover thread: the citizen is told, and the bot takes over again (the menu). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HandoverClosed(
        UUID eventId,
        String eventType,
        Instant occurredAt,
        UUID threadId,
        String citizenRef,
        String departmentId,
        HandoverOfficer officer) implements DeskHandoverEvent {

    public static final String EVENT_TYPE = "handover.closed";
}
