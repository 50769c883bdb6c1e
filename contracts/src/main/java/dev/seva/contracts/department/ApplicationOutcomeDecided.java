package dev.seva.contracts.department;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.seva.contracts.Event;
import dev.seva.contracts.LocalizedText;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A department's decision about an application, on its {@code dept.<dept>.outcomes.v1}; or, with
 * {@link Outcome#DELAYED}, word that it needs longer than promised and expects to decide by {@code expectedBy}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplicationOutcomeDecided(
        UUID eventId,
        String eventType,
        Instant occurredAt,
        String departmentId,
        String applicationRef,
        String serviceId,
        String citizenRef,
        Outcome outcome,
        LocalizedText reason,
        Question question,
        DocumentData document,
        Officer officer,
        LocalDate expectedBy) implements Event {

    public static final String EVENT_TYPE = "application.outcome.decided";

    /** Every outcome but {@link Outcome#DELAYED} (which alone has {@code expectedBy}): the form producers wrote before it existed. */
    public ApplicationOutcomeDecided(UUID eventId, String eventType, Instant occurredAt, String departmentId, String applicationRef,
                                     String serviceId, String citizenRef, Outcome outcome, LocalizedText reason, Question question,
                                     DocumentData document, Officer officer) {
        this(eventId, eventType, occurredAt, departmentId, applicationRef, serviceId, citizenRef, outcome, reason, question, document,
                officer, null);
    }

    public enum Outcome {
        ACCEPTED, MORE_INFORMATION_NEEDED, REJECTED, APPROVED,
        /** Not a decision: the promised date has passed and the department now expects to decide by {@code expectedBy}. */
        DELAYED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Outcome fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Question(String id, LocalizedText text, String answerType) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DocumentData(String type, Map<String, Object> data, LocalDate validUntil) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Officer(String id, String designation) {
    }
}
