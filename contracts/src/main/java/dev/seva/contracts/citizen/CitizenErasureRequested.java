package dev.seva.contracts.citizen;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.seva.contracts.Event;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Erase everything about a citizen, on {@code citizen.erasure.v1}; every service that keeps citizen data honours it.
 * The event carries no phone number (issue 15): services that keep rows about a citizen find them by
 * {@code citizenRef} (notification-service records it with every delivery, from {@code SendMessage.citizenRef}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CitizenErasureRequested(
        UUID eventId,
        String eventType,
        Instant occurredAt,
        String citizenRef,
        Reason reason) implements Event {

    public static final String EVENT_TYPE = "citizen.erasure.requested";

    public enum Reason {
        CITIZEN_REQUEST, RETENTION_EXPIRED;

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
