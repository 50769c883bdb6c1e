package dev.seva.contracts.department;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.seva.contracts.Event;
import dev.seva.contracts.LocalizedText;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A department's answer to a {@link LookupRequested}, on its {@code dept.<dept>.answers.v1}, keyed by citizenRef.
 * {@code found} carries what to show ({@code lines}: a label in three languages and a value, the citizen's values
 * sealed with their key) and, for a bill or a tax, the {@code bill} to pay; {@code nothing_due}, {@code not_found} and
 * {@code unavailable} may say why in {@code message}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LookupAnswered(
        UUID eventId,
        String eventType,
        Instant occurredAt,
        String departmentId,
        String lookupId,
        String serviceId,
        String citizenRef,
        Result result,
        List<Line> lines,
        Bill bill,
        LocalizedText message) implements Event {

    public static final String EVENT_TYPE = "lookup.answered";

    public enum Result {
        /** The record was found: {@code lines}, and {@code bill} when there is an amount to pay. */
        FOUND,
        /** The record exists and nothing is due on it. */
        NOTHING_DUE,
        /** No record for what the citizen gave (a wrong number). */
        NOT_FOUND,
        /** The department's system cannot answer now (try later). */
        UNAVAILABLE;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Result fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /** One line of the answer: what it is, in the citizen's language, and its value (sealed when it is the citizen's). */
    public record Line(LocalizedText label, String value) {
    }

    /**
     * An amount due: the department's id for it (opaque: no number the citizen gave), the amount in paise, what it is
     * for, and when it is due. Paying it comes back to the department as an application with {@code feePaid.billId}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Bill(String billId, long amountPaise, LocalizedText period, LocalDate dueDate) {
    }
}
