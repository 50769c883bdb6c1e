package dev.seva.contracts.handover;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/** An officer's reply in a handover thread; conversation-service sends it to the citizen on WhatsApp. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HandoverOfficerReplied(
        UUID eventId,
        String eventType,
        Instant occurredAt,
        UUID threadId,
        String citizenRef,
        String departmentId,
        String text,
        HandoverOfficer officer) implements DeskHandoverEvent {

    public static final String EVENT_TYPE = "handover.officer_replied";
}
