package dev.seva.contracts.department;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.Event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A question the department's system answers at once, on its {@code dept.<dept>.lookups.v1}: the bill due for an
 * assessment number, an exam result for a hall-ticket number, the status of a ration card. Keyed by citizenRef; the
 * answer comes back on {@code dept.<dept>.answers.v1} with the same {@code lookupId}, before {@code answerBy}, after
 * which the citizen has been told the department did not answer and a late answer is dropped. The fields are the
 * citizen's answers to the service's questions, sealed with the citizen's key as on the applications topic.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LookupRequested(
        UUID eventId,
        String eventType,
        Instant occurredAt,
        String departmentId,
        String lookupId,
        String serviceId,
        String citizenRef,
        String language,
        Map<String, JsonNode> fields,
        Instant answerBy) implements Event {

    public static final String EVENT_TYPE = "lookup.requested";
}
