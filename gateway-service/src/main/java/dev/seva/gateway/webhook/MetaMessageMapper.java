package dev.seva.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.CitizenAddress;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.Topics;
import dev.seva.contracts.whatsapp.InteractiveKind;
import dev.seva.contracts.whatsapp.MessageType;
import dev.seva.contracts.whatsapp.MetaError;
import dev.seva.contracts.whatsapp.WhatsAppMessageReceived;
import dev.seva.contracts.whatsapp.WhatsAppMessageReceived.Button;
import dev.seva.contracts.whatsapp.WhatsAppMessageReceived.Context;
import dev.seva.contracts.whatsapp.WhatsAppMessageReceived.Interactive;
import dev.seva.contracts.whatsapp.WhatsAppMessageReceived.Location;
import dev.seva.contracts.whatsapp.WhatsAppMessageReceived.Media;
import dev.seva.contracts.whatsapp.WhatsAppMessageReceived.Order;
import dev.seva.contracts.whatsapp.WhatsAppMessageReceived.OrderItem;
import dev.seva.contracts.whatsapp.WhatsAppMessageReceived.Profile;
import dev.seva.contracts.whatsapp.WhatsAppMessageReceived.Reaction;
import dev.seva.contracts.whatsapp.WhatsAppMessageReceived.SystemNotice;
import dev.seva.contracts.whatsapp.WhatsAppMessageReceived.Text;

import java.util.ArrayList;
import java.util.List;

/**
 * One message object of Meta's webhook → {@link WhatsAppMessageReceived}. Each documented type
 * fills its own part; any other type (or a documented type with an unknown sub-type) becomes
 * {@code unsupported} with the message kept raw, so the conversation can still answer the citizen.
 */
final class MetaMessageMapper {

    WhatsAppMessageReceived map(JsonNode message, ChangeContext context) {
        if (!message.isObject()) {
            throw new UnreadableItemException("message is not an object");
        }
        String messageId = Json.text(message, "id");
        if (messageId == null || messageId.isEmpty()) {
            throw new UnreadableItemException("message without id");
        }
        CitizenAddress from = MetaWebhookParser.address(Json.text(message, "from"), Json.text(message, "from_user_id"));
        String wireType = Json.text(message, "type");
        Parts parts = new Parts();
        MessageType type = fill(MessageType.fromWire(wireType), wireType, message, parts);
        List<MetaError> errors = Json.errors(message.path("errors"));

        return new WhatsAppMessageReceived(
                EventIds.nameBased(Topics.WHATSAPP_INBOUND, context.phoneNumberId(), messageId),
                WhatsAppMessageReceived.EVENT_TYPE,
                Json.epochSeconds(message, "timestamp", context.receivedAt()),
                context.receivedAt(),
                context.accountId(),
                context.phoneNumberId(),
                context.displayPhoneNumber(),
                messageId,
                from,
                profile(context.contacts(), from),
                type,
                messageContext(message.path("context")),
                parts.text, parts.interactive, parts.button, parts.location, parts.media, parts.contacts,
                parts.reaction, parts.order, parts.system,
                errors.isEmpty() ? null : errors,
                type == MessageType.UNSUPPORTED ? message : null);
    }

    /** Fills the part of the message's type; answers the type actually published. */
    private MessageType fill(MessageType type, String wireType, JsonNode message, Parts parts) {
        switch (type) {
            case TEXT -> parts.text = new Text(Json.text(message.path("text"), "body"));
            case INTERACTIVE -> {
                parts.interactive = interactive(message.path("interactive"));
                if (parts.interactive == null) {
                    return MessageType.UNSUPPORTED;
                }
            }
            case BUTTON -> parts.button = new Button(Json.text(message.path("button"), "payload"), Json.text(message.path("button"), "text"));
            case LOCATION -> parts.location = location(message.path("location"));
            case IMAGE, DOCUMENT, VIDEO, STICKER -> parts.media = media(message.path(wireType), null);
            case AUDIO -> parts.media = media(message.path("audio"), null);
            case CONTACTS -> parts.contacts = contacts(message.path("contacts"));
            case REACTION -> parts.reaction = new Reaction(Json.text(message.path("reaction"), "message_id"),
                    Json.text(message.path("reaction"), "emoji"));
            case ORDER -> parts.order = order(message.path("order"));
            case SYSTEM -> {
                JsonNode system = message.path("system");
                parts.system = new SystemNotice(Json.text(system, "type"), Json.text(system, "body"),
                        Json.firstText(system, "new_wa_id", "wa_id"), Json.text(system, "identity"));
            }
            case UNSUPPORTED -> {
                if ("voice".equals(wireType)) {
                    // Voice notes: documented as audio with voice=true; some payloads name the type itself.
                    JsonNode voice = message.has("voice") ? message.path("voice") : message.path("audio");
                    parts.media = media(voice, Boolean.TRUE);
                    return MessageType.AUDIO;
                }
                return MessageType.UNSUPPORTED;
            }
            default -> {
                return MessageType.UNSUPPORTED;
            }
        }
        return type;
    }

    private static Interactive interactive(JsonNode interactive) {
        String kind = Json.text(interactive, "type");
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case "button_reply", "list_reply" -> {
                JsonNode reply = interactive.path(kind);
                yield new Interactive(InteractiveKind.fromWire(kind), Json.text(reply, "id"), Json.text(reply, "title"),
                        Json.text(reply, "description"), null, null, null);
            }
            case "nfm_reply" -> {
                JsonNode reply = interactive.path("nfm_reply");
                yield new Interactive(InteractiveKind.NFM_REPLY, null, null, null, Json.text(reply, "name"),
                        Json.text(reply, "body"), Json.text(reply, "response_json"));
            }
            default -> null;
        };
    }

    private static Location location(JsonNode location) {
        Double latitude = Json.number(location, "latitude");
        Double longitude = Json.number(location, "longitude");
        if (latitude == null || longitude == null) {
            throw new UnreadableItemException("location without latitude and longitude");
        }
        return new Location(latitude, longitude, Json.text(location, "name"), Json.text(location, "address"), Json.text(location, "url"));
    }

    private static Media media(JsonNode media, Boolean voice) {
        return new Media(Json.text(media, "id"), Json.text(media, "mime_type"), Json.text(media, "sha256"),
                Json.text(media, "caption"), Json.text(media, "filename"),
                voice != null ? voice : Json.bool(media, "voice"), Json.bool(media, "animated"));
    }

    private static List<JsonNode> contacts(JsonNode contacts) {
        if (!contacts.isArray()) {
            return null;
        }
        List<JsonNode> cards = new ArrayList<>();
        contacts.forEach(cards::add);
        return cards;
    }

    private static Order order(JsonNode order) {
        List<OrderItem> items = new ArrayList<>();
        for (JsonNode item : Json.array(order, "product_items")) {
            items.add(new OrderItem(Json.text(item, "product_retailer_id"), Json.number(item, "quantity"),
                    Json.number(item, "item_price"), Json.text(item, "currency")));
        }
        return new Order(Json.text(order, "catalog_id"), Json.text(order, "text"), items.isEmpty() ? null : items);
    }

    private static Context messageContext(JsonNode context) {
        if (!context.isObject()) {
            return null;
        }
        Context result = new Context(Json.text(context, "id"), Json.text(context, "from"),
                Json.bool(context, "forwarded"), Json.bool(context, "frequently_forwarded"));
        boolean empty = result.messageId() == null && result.from() == null && result.forwarded() == null
                && result.frequentlyForwarded() == null;
        return empty ? null : result;
    }

    /** The sender's profile from the change's contacts: the one whose wa_id or user_id is the sender. */
    private static Profile profile(JsonNode contacts, CitizenAddress from) {
        if (!contacts.isArray()) {
            return null;
        }
        JsonNode match = null;
        for (JsonNode contact : contacts) {
            boolean sameWaId = from.waId() != null && from.waId().equals(Json.text(contact, "wa_id"));
            boolean sameUserId = from.userId() != null && from.userId().equals(Json.text(contact, "user_id"));
            if (sameWaId || sameUserId) {
                match = contact;
                break;
            }
        }
        if (match == null && contacts.size() == 1) {
            match = contacts.get(0);
        }
        if (match == null) {
            return null;
        }
        String name = Json.text(match.path("profile"), "name");
        String username = Json.firstText(match.path("profile"), "username");
        if (username == null) {
            username = Json.text(match, "username");
        }
        return name == null && username == null ? null : new Profile(name, username);
    }

    /** The parts of a message; only the one of its type is set. */
    private static final class Parts {
        Text text;
        Interactive interactive;
        Button button;
        Location location;
        Media media;
        List<JsonNode> contacts;
        Reaction reaction;
        Order order;
        SystemNotice system;
    }
}
