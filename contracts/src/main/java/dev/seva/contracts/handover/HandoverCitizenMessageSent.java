package dev.seva.contracts.handover;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/**
 * What a citizen sent while handed over, for the officer: text (Aadhaar numbers masked and tokenized)
 * or a photo/document (Meta's media id), or both.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HandoverCitizenMessageSent(
        UUID eventId,
        String eventType,
        Instant occurredAt,
        UUID threadId,
        String citizenRef,
        String departmentId,
        String text,
        Media media) implements ConversationHandoverEvent {

    public static final String EVENT_TYPE = "handover.citizen_message";

    /** A photo or document: Meta's media id (valid 7 days), its type, and the file name the citizen gave it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Media(String mediaId, String mimeType, String filename) {
    }
}
