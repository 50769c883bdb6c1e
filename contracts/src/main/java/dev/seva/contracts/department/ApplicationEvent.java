package dev.seva.contracts.department;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.Event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An event on a department's {@code dept.<dept>.applications.v1} (the envelope every department
 * shares): an application submitted, more information provided, or an application withdrawn.
 * Field values are strings, numbers, booleans, Aadhaar references ({@code token}, {@code masked}) or
 * locations, kept as JSON so each department's own schema decides their shape.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplicationEvent(
        UUID eventId,
        String eventType,
        Instant occurredAt,
        String departmentId,
        String applicationRef,
        String serviceId,
        Integer serviceVersion,
        String citizenRef,
        String language,
        Integer slaDays,
        Map<String, JsonNode> fields,
        List<Attachment> attachments,
        InformationProvided information) implements Event {

    public static final String SUBMITTED = "application.submitted";
    public static final String INFORMATION_PROVIDED = "application.information_provided";
    public static final String WITHDRAWN = "application.withdrawn";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attachment(String fieldId, String mediaId, String mimeType, String filename) {
    }

    public record InformationProvided(String questionId, JsonNode answer) {
    }
}
