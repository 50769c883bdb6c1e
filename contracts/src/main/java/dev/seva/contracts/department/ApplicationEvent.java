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
        InformationProvided information,
        FeePaid feePaid) implements Event {

    public static final String SUBMITTED = "application.submitted";
    public static final String INFORMATION_PROVIDED = "application.information_provided";
    public static final String WITHDRAWN = "application.withdrawn";

    /** Without a fee paid (every event but the submission of a service paid before it is sent). */
    public ApplicationEvent(UUID eventId, String eventType, Instant occurredAt, String departmentId, String applicationRef, String serviceId,
                            Integer serviceVersion, String citizenRef, String language, Integer slaDays, Map<String, JsonNode> fields,
                            List<Attachment> attachments, InformationProvided information) {
        this(eventId, eventType, occurredAt, departmentId, applicationRef, serviceId, serviceVersion, citizenRef, language, slaDays, fields,
                attachments, information, null);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attachment(String fieldId, String mediaId, String mimeType, String filename) {
    }

    public record InformationProvided(String questionId, JsonNode answer) {
    }

    /**
     * The fee paid before the application was sent: the order, Seva's receipt number, the amount in paise; and for a bill
     * or a tax the department looked up, its {@code billId}, which the department marks paid.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FeePaid(String orderId, String receiptNumber, long amountPaise, Instant paidAt, String billId) {

        /** A fee of the catalogue, not a bill. */
        public FeePaid(String orderId, String receiptNumber, long amountPaise, Instant paidAt) {
            this(orderId, receiptNumber, amountPaise, paidAt, null);
        }
    }
}
