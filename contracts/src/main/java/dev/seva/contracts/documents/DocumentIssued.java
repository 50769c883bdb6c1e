package dev.seva.contracts.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.seva.contracts.Event;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A signed document was issued for an approved application, on {@code documents.issued.v1}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentIssued(
        UUID eventId,
        String eventType,
        Instant occurredAt,
        String documentId,
        String documentType,
        String applicationRef,
        String departmentId,
        String citizenRef,
        String fileName,
        String sha256,
        long sizeBytes,
        String verificationUrl,
        Instant issuedAt,
        LocalDate validUntil) implements Event {

    public static final String EVENT_TYPE = "document.issued";
}
