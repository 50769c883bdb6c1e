package dev.seva.contracts.whatsapp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.CitizenAddress;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message a citizen sent, on {@code whatsapp.inbound.v1}. Exactly one of the content parts is set,
 * the one named by {@link #type()}. Schema: platform/whatsapp.inbound.v1.schema.json.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WhatsAppMessageReceived(
        UUID eventId,
        String eventType,
        Instant occurredAt,
        Instant receivedAt,
        String businessAccountId,
        String phoneNumberId,
        String displayPhoneNumber,
        String messageId,
        CitizenAddress from,
        Profile profile,
        MessageType type,
        Context context,
        Text text,
        Interactive interactive,
        Button button,
        Location location,
        Media media,
        List<JsonNode> contacts,
        Reaction reaction,
        Order order,
        SystemNotice system,
        List<MetaError> errors,
        JsonNode raw) implements InboundEvent {

    public static final String EVENT_TYPE = "whatsapp.message.received";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Profile(String name, String username) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Context(String messageId, String from, Boolean forwarded, Boolean frequentlyForwarded) {
    }

    public record Text(String body) {
    }

    /** A reply to an interactive message: a button, a list row, or a WhatsApp Flow's answers. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Interactive(InteractiveKind kind, String id, String title, String description,
                              String flowName, String flowBody, String flowResponseJson) {
    }

    /** A tap on a template's quick-reply button. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Button(String payload, String text) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Location(double latitude, double longitude, String name, String address, String url) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Media(String id, String mimeType, String sha256, String caption, String filename,
                        Boolean voice, Boolean animated) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reaction(String messageId, String emoji) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Order(String catalogId, String text, List<OrderItem> items) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrderItem(String productRetailerId, Double quantity, Double itemPrice, String currency) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SystemNotice(String type, String body, String newWaId, String identity) {
    }
}
