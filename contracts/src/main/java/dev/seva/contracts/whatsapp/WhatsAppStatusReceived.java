package dev.seva.contracts.whatsapp;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.seva.contracts.CitizenAddress;
import dev.seva.contracts.Event;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A delivery status of a message Seva sent, on {@code whatsapp.status.v1}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WhatsAppStatusReceived(
        UUID eventId,
        String eventType,
        Instant occurredAt,
        Instant receivedAt,
        String businessAccountId,
        String phoneNumberId,
        String messageId,
        CitizenAddress recipient,
        DeliveryStatus status,
        Conversation conversation,
        Pricing pricing,
        String bizOpaqueCallbackData,
        List<MetaError> errors) implements Event {

    public static final String EVENT_TYPE = "whatsapp.status.received";

    public enum DeliveryStatus {
        SENT, DELIVERED, READ, FAILED, DELETED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static DeliveryStatus fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Conversation(String id, String originType, Instant expiresAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pricing(Boolean billable, String pricingModel, String category, String type) {
    }
}
