package dev.seva.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.CitizenAddress;
import dev.seva.contracts.Event;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.Topics;
import dev.seva.contracts.whatsapp.MetaError;
import dev.seva.contracts.whatsapp.WhatsAppStatusReceived;
import dev.seva.contracts.whatsapp.WhatsAppStatusReceived.DeliveryStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a WhatsApp Cloud API webhook (already authenticated) into contract events: one
 * {@code WhatsAppMessageReceived} per message and one {@code WhatsAppStatusReceived} per status,
 * across every entry and change. It never throws on unexpected shapes: what cannot be read becomes a
 * dead letter (message or status) or an ignored part (entry or change), so a hostile or future
 * payload costs a 200 and a counter, never a 5xx.
 */
public final class MetaWebhookParser {

    static final String OBJECT = "whatsapp_business_account";
    static final String FIELD = "messages";

    private final Set<String> allowedPhoneNumberIds;
    private final MetaMessageMapper messages = new MetaMessageMapper();

    public MetaWebhookParser(Set<String> allowedPhoneNumberIds) {
        this.allowedPhoneNumberIds = Set.copyOf(allowedPhoneNumberIds);
    }

    public ParsedWebhook parse(JsonNode root, Instant receivedAt) {
        List<Event> events = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        Map<IgnoreReason, Integer> ignored = new EnumMap<>(IgnoreReason.class);

        if (!root.isObject() || !OBJECT.equals(Json.text(root, "object"))) {
            count(ignored, root.isObject() ? IgnoreReason.UNKNOWN_OBJECT : IgnoreReason.MALFORMED);
            return new ParsedWebhook(events, deadLetters, ignored);
        }
        JsonNode entries = root.path("entry");
        if (!entries.isArray()) {
            count(ignored, IgnoreReason.MALFORMED);
            return new ParsedWebhook(events, deadLetters, ignored);
        }
        for (JsonNode entry : entries) {
            JsonNode changes = entry.path("changes");
            if (!entry.isObject() || !changes.isArray()) {
                count(ignored, IgnoreReason.MALFORMED);
                continue;
            }
            String accountId = Json.text(entry, "id");
            for (JsonNode change : changes) {
                parseChange(change, accountId, receivedAt, events, deadLetters, ignored);
            }
        }
        return new ParsedWebhook(events, deadLetters, ignored);
    }

    private void parseChange(JsonNode change, String accountId, Instant receivedAt, List<Event> events,
                             List<DeadLetter> deadLetters, Map<IgnoreReason, Integer> ignored) {
        JsonNode value = change.path("value");
        if (!change.isObject() || !value.isObject()) {
            count(ignored, IgnoreReason.MALFORMED);
            return;
        }
        if (!FIELD.equals(Json.text(change, "field"))) {
            count(ignored, IgnoreReason.UNKNOWN_FIELD);
            return;
        }
        JsonNode metadata = value.path("metadata");
        String phoneNumberId = Json.text(metadata, "phone_number_id");
        if (phoneNumberId == null || !allowedPhoneNumberIds.contains(phoneNumberId)) {
            count(ignored, IgnoreReason.PHONE_NUMBER_NOT_ALLOWED);
            return;
        }
        ChangeContext context = new ChangeContext(accountId, phoneNumberId, Json.text(metadata, "display_phone_number"),
                value.path("contacts"), receivedAt);

        if (value.path("errors").isArray() && !value.path("errors").isEmpty()) {
            count(ignored, IgnoreReason.WEBHOOK_ERROR);
        }
        for (JsonNode message : Json.array(value, "messages")) {
            try {
                events.add(messages.map(message, context));
            } catch (UnreadableItemException e) {
                deadLetters.add(deadLetter(Topics.WHATSAPP_INBOUND_DLQ, message, context, e.getMessage(), messageKey(message)));
            }
        }
        for (JsonNode status : Json.array(value, "statuses")) {
            // A payment's status (WhatsApp Payments, type "payment": captured, pending, failed) is not a delivery status
            // of the order message it names; read as one, a failed payment would mark that message undelivered.
            boolean payment = status.isObject() && "payment".equals(Json.text(status, "type"));
            try {
                events.add(payment ? MetaPaymentMapper.map(status, context) : mapStatus(status, context));
            } catch (UnreadableItemException e) {
                deadLetters.add(deadLetter(payment ? Topics.WHATSAPP_PAYMENTS_DLQ : Topics.WHATSAPP_STATUS_DLQ, status, context, e.getMessage(),
                        Json.firstText(status, "recipient_id", "recipient_user_id")));
            }
        }
    }

    WhatsAppStatusReceived mapStatus(JsonNode status, ChangeContext context) {
        if (!status.isObject()) {
            throw new UnreadableItemException("status is not an object");
        }
        String messageId = Json.text(status, "id");
        if (messageId == null || messageId.isEmpty()) {
            throw new UnreadableItemException("status without id");
        }
        DeliveryStatus deliveryStatus = deliveryStatus(Json.text(status, "status"));
        CitizenAddress recipient = address(Json.text(status, "recipient_id"), Json.text(status, "recipient_user_id"));
        List<MetaError> errors = Json.errors(status.path("errors"));
        if (deliveryStatus == DeliveryStatus.FAILED && errors.isEmpty()) {
            // The contract requires the reason of a failure; Meta always sends one, but say so if it did not.
            errors = List.of(new MetaError(0, "No error details in the webhook", null, null, null));
        }
        JsonNode conversation = status.path("conversation");
        JsonNode pricing = status.path("pricing");
        return new WhatsAppStatusReceived(
                EventIds.nameBased(Topics.WHATSAPP_STATUS, context.phoneNumberId(), messageId, deliveryStatus.wireName()),
                WhatsAppStatusReceived.EVENT_TYPE,
                Json.epochSeconds(status, "timestamp", context.receivedAt()),
                context.receivedAt(),
                context.accountId(),
                context.phoneNumberId(),
                messageId,
                recipient,
                deliveryStatus,
                conversation.isObject() ? new WhatsAppStatusReceived.Conversation(Json.text(conversation, "id"),
                        Json.text(conversation.path("origin"), "type"),
                        conversation.has("expiration_timestamp") ? Json.epochSeconds(conversation, "expiration_timestamp", null) : null) : null,
                pricing.isObject() ? new WhatsAppStatusReceived.Pricing(Json.bool(pricing, "billable"),
                        Json.text(pricing, "pricing_model"), Json.text(pricing, "category"), Json.text(pricing, "type")) : null,
                Json.text(status, "biz_opaque_callback_data"),
                errors.isEmpty() ? null : errors);
    }

    private static DeliveryStatus deliveryStatus(String status) {
        if (status == null) {
            throw new UnreadableItemException("status without status");
        }
        try {
            return DeliveryStatus.fromWire(status);
        } catch (IllegalArgumentException e) {
            throw new UnreadableItemException("unknown delivery status");
        }
    }

    static CitizenAddress address(String waId, String userId) {
        boolean hasWaId = waId != null && !waId.isBlank();
        boolean hasUserId = userId != null && !userId.isBlank();
        if (!hasWaId && !hasUserId) {
            throw new UnreadableItemException("no phone number and no user id");
        }
        return new CitizenAddress(hasWaId ? waId : null, hasUserId ? userId : null);
    }

    private static String messageKey(JsonNode message) {
        return Json.firstText(message, "from", "from_user_id");
    }

    private static DeadLetter deadLetter(String topic, JsonNode item, ChangeContext context, String reason, String key) {
        ObjectNode raw = JsonNodeFactory.instance.objectNode();
        raw.put("businessAccountId", context.accountId());
        raw.put("phoneNumberId", context.phoneNumberId());
        raw.put("receivedAt", context.receivedAt().toString());
        raw.set("item", item);
        return new DeadLetter(topic, key, raw, reason.toLowerCase(Locale.ROOT));
    }

    private static void count(Map<IgnoreReason, Integer> ignored, IgnoreReason reason) {
        ignored.merge(reason, 1, Integer::sum);
    }
}
