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

/**
 * A command to send one message to a citizen, on {@code whatsapp.outbound.v1}. The part named by
 * {@link #kind()} is set. {@link #eventId()} is the command id notification-service records so that a
 * redelivered command is not sent twice. Limits follow Meta's Cloud API (see the schema).
 * {@link #citizenRef()} names the citizen when conversation-service knows them (after consent), so that
 * an erasure ({@code citizen.erasure.v1}, which carries no phone number) reaches the deliveries kept for them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendMessage(
        UUID eventId,
        String eventType,
        Instant occurredAt,
        String phoneNumberId,
        CitizenAddress to,
        String language,
        boolean withinServiceWindow,
        UUID inReplyTo,
        String applicationRef,
        String citizenRef,
        Kind kind,
        Text text,
        ListMessage list,
        Buttons buttons,
        Document document,
        Template template,
        Template fallbackTemplate,
        MarkRead markRead,
        OrderDetails orderDetails,
        OrderStatus orderStatus) implements Event {

    public static final String EVENT_TYPE = "whatsapp.send.requested";

    /** Without {@code citizenRef} (a citizen not known yet: the privacy notice before consent). */
    public SendMessage(UUID eventId, String eventType, Instant occurredAt, String phoneNumberId, CitizenAddress to, String language,
                       boolean withinServiceWindow, UUID inReplyTo, String applicationRef, Kind kind, Text text, ListMessage list,
                       Buttons buttons, Document document, Template template, Template fallbackTemplate, MarkRead markRead) {
        this(eventId, eventType, occurredAt, phoneNumberId, to, language, withinServiceWindow, inReplyTo, applicationRef, null, kind,
                text, list, buttons, document, template, fallbackTemplate, markRead, null, null);
    }

    /** Any kind but the payment messages. */
    public SendMessage(UUID eventId, String eventType, Instant occurredAt, String phoneNumberId, CitizenAddress to, String language,
                       boolean withinServiceWindow, UUID inReplyTo, String applicationRef, String citizenRef, Kind kind, Text text,
                       ListMessage list, Buttons buttons, Document document, Template template, Template fallbackTemplate, MarkRead markRead) {
        this(eventId, eventType, occurredAt, phoneNumberId, to, language, withinServiceWindow, inReplyTo, applicationRef, citizenRef, kind,
                text, list, buttons, document, template, fallbackTemplate, markRead, null, null);
    }

    public enum Kind {
        TEXT, LIST, BUTTONS, DOCUMENT, TEMPLATE, MARK_READ, ORDER_DETAILS, ORDER_STATUS;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Kind fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Text(String body, Boolean previewUrl) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListMessage(String header, String body, String footer, String button, List<Section> sections) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Section(String title, List<Row> rows) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(String id, String title, String description) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Buttons(String header, String body, String footer, List<ReplyButton> buttons) {
    }

    public record ReplyButton(String id, String title) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Document(String documentId, String filename, String caption, String mimeType) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Template(String name, String languageCode, List<TemplateComponent> components) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TemplateComponent(String type, String subType, Integer index, List<TemplateParameter> parameters) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TemplateParameter(String type, String text, String payload, String documentId) {
    }

    public record MarkRead(String messageId) {
    }

    /**
     * An {@code order_details} message: what to pay, paid inside WhatsApp through the payment configuration
     * (a payment gateway account linked to the business account). Amounts in paise; total = subtotal + tax.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrderDetails(String referenceId, String body, String footer, String paymentConfiguration, String receipt,
                               java.util.Map<String, String> notes, List<OrderItem> items, long subtotalPaise, long taxPaise,
                               String taxDescription, long totalPaise, Instant expiresAt, String expirationDescription) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrderItem(String retailerId, String name, long amountPaise, int quantity) {
    }

    /** An {@code order_status} message: the order's new status ({@code processing}, {@code completed}, {@code canceled}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrderStatus(String referenceId, String body, String footer, String status, String description) {
    }
}
