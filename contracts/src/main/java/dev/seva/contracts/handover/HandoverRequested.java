package dev.seva.contracts.handover;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A citizen handed over from the bot to an officer: opens thread {@code threadId} in the desk of
 * {@code departmentId} (the department they were in, else {@link #HELPDESK}). {@code text} is what
 * they last wrote, Aadhaar numbers masked and tokenized.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HandoverRequested(
        UUID eventId,
        String eventType,
        Instant occurredAt,
        UUID threadId,
        String citizenRef,
        String departmentId,
        String language,
        Reason reason,
        String serviceId,
        String applicationRef,
        String text) implements ConversationHandoverEvent {

    public static final String EVENT_TYPE = "handover.requested";
    /** The departmentId of the general help desk, for a citizen who was in no department. */
    public static final String HELPDESK = "helpdesk";

    public enum Reason {
        /** The citizen asked for an officer ("talk to an officer"). */
        ASKED,
        /** The bot failed to understand the citizen three times running. */
        NOT_UNDERSTOOD;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Reason fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
