package dev.seva.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.seva.privacy.aadhaar.AadhaarInText;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * {@link AadhaarInText} over a whole JSON tree: every free-text value of an event (or of a raw item
 * Meta sent) is scanned, so a field added to the contract tomorrow is covered without a change here.
 *
 * <p>Only the values of {@link #IDENTIFIERS} are left as they are: they are ids, times, hashes and phone
 * numbers set by Meta or by us, not text a citizen wrote. They must be: an Indian WhatsApp id such as
 * {@code 919876543210} is twelve digits starting with 9, so every one is Aadhaar-shaped (and one in ten
 * passes the Verhoeff check); scanning them would mask every sender and shared contact.
 *
 * <p>Integral JSON numbers are scanned too (a citizen's number may arrive as a number in a Flow's answers
 * or in a payload Meta sends unparsed), and text that is itself JSON ({@code flowResponseJson}) is parsed
 * and scanned value by value, so that a replacement keeps it valid JSON.
 */
public final class AadhaarInJson {

    /** Field names whose values are identifiers, never citizen text: in our events and in Meta's JSON. */
    static final Set<String> IDENTIFIERS = Set.of(
            // whatsapp.inbound.v1 / whatsapp.status.v1
            "eventId", "eventType", "occurredAt", "receivedAt", "businessAccountId", "phoneNumberId",
            "displayPhoneNumber", "messageId", "waId", "userId", "type", "kind", "mimeType", "sha256",
            "catalogId", "productRetailerId", "quantity", "itemPrice", "currency", "newWaId", "identity",
            "latitude", "longitude", "voice", "animated",
            // Meta's webhook JSON (raw items, contact cards)
            "id", "from", "from_user_id", "user_id", "wa_id", "recipient_id", "recipient_user_id", "phone",
            "timestamp", "phone_number_id", "display_phone_number", "new_wa_id", "customer", "mime_type",
            "message_id", "catalog_id", "product_retailer_id", "expiration_timestamp");

    /** The identifier fields that hold WhatsApp ids (phone numbers), which Meta may quote in its own text. */
    static final Set<String> PHONE_IDS = Set.of("waId", "newWaId", "from", "wa_id", "new_wa_id", "recipient_id", "customer");

    /** Text fields that carry JSON of their own. */
    static final Set<String> JSON_TEXT = Set.of("flowResponseJson", "response_json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PHONE_ID = Pattern.compile("[0-9]{12}");
    private static final char PLACEHOLDER_START = '\uE000';
    private static final char PLACEHOLDER_END = '\uE001';

    private AadhaarInJson() {
    }

    /** Whether any free-text value holds something Aadhaar-shaped (valid or not): the cheap first test. */
    public static boolean containsCandidate(JsonNode tree) {
        boolean[] found = {false};
        walk(tree, protecting(ownIds(tree), text -> {
            found[0] |= AadhaarInText.containsCandidate(text);
            return text;
        }));
        return found[0];
    }

    /** The distinct valid numbers in the tree's free-text values (digits only): what to tokenize. */
    public static Set<String> validNumbers(JsonNode tree) {
        Set<String> found = new LinkedHashSet<>();
        walk(tree, protecting(ownIds(tree), text -> {
            if (AadhaarInText.containsCandidate(text)) {
                found.addAll(AadhaarInText.validNumbers(text));
            }
            return text;
        }));
        return found;
    }

    /**
     * Replaces, in place, each valid number by its token (keyed by digits) and masks every other
     * Aadhaar-shaped number. Answers the tree (a new node when the root itself is a text or number).
     */
    public static JsonNode replace(JsonNode tree, Map<String, AadhaarInText.Token> tokens) {
        return walk(tree, protecting(ownIds(tree),
                text -> AadhaarInText.containsCandidate(text) ? AadhaarInText.replace(text, tokens) : text));
    }

    /** Masks every Aadhaar-shaped number, valid or not, in place: for what goes to a dead letter, where no token is made. */
    public static JsonNode mask(JsonNode tree) {
        return replace(tree, Map.of());
    }

    /**
     * The twelve-digit WhatsApp ids the tree itself names in its phone-number fields (the sender, a
     * changed number, a shared contact); other ids (media, rows) protect nothing. Meta quotes them in its own text ("User … changed from 919876543210 to
     * …"); there they are the same phone numbers, not Aadhaar numbers, and are left as they are.
     */
    private static Set<String> ownIds(JsonNode tree) {
        Set<String> ids = new LinkedHashSet<>();
        collectIds(tree, ids);
        return ids;
    }

    private static void collectIds(JsonNode node, Set<String> ids) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                JsonNode value = field.getValue();
                if (PHONE_IDS.contains(field.getKey()) && value.isTextual() && PHONE_ID.matcher(value.textValue()).matches()) {
                    ids.add(value.textValue());
                } else {
                    collectIds(value, ids);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectIds(element, ids));
        }
    }

    /**
     * {@code edit} on a text whose own ids are first swapped for placeholders no detector sees (private-use
     * characters), then swapped back: the ids stay exactly as they were, everything else is edited.
     */
    private static UnaryOperator<String> protecting(Set<String> ids, UnaryOperator<String> edit) {
        if (ids.isEmpty()) {
            return edit;
        }
        List<String> order = List.copyOf(ids);
        return text -> {
            if (text.indexOf(PLACEHOLDER_START) >= 0) {
                // A text that already holds our placeholder characters cannot be protected safely: edit it whole.
                return edit.apply(text);
            }
            String hidden = text;
            for (int i = 0; i < order.size(); i++) {
                hidden = hidden.replace(order.get(i), PLACEHOLDER_START + Integer.toString(i) + PLACEHOLDER_END);
            }
            if (hidden.equals(text)) {
                return edit.apply(text);
            }
            String edited = edit.apply(hidden);
            for (int i = 0; i < order.size(); i++) {
                edited = edited.replace(PLACEHOLDER_START + Integer.toString(i) + PLACEHOLDER_END, order.get(i));
            }
            return edited;
        };
    }

    /** Applies {@code edit} to every free-text value; answers the node to keep in place of {@code node}. */
    private static JsonNode walk(JsonNode node, UnaryOperator<String> edit) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                if (IDENTIFIERS.contains(field.getKey()) && (value.isValueNode())) {
                    continue;
                }
                JsonNode edited = JSON_TEXT.contains(field.getKey()) && value.isTextual()
                        ? jsonText(value.textValue(), edit)
                        : walk(value, edit);
                if (edited != value) {
                    field.setValue(edited);
                }
            }
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                JsonNode edited = walk(value, edit);
                if (edited != value) {
                    array.set(i, edited);
                }
            }
            return array;
        }
        if (node.isTextual()) {
            String text = node.textValue();
            String edited = edit.apply(text);
            return edited.equals(text) ? node : TextNode.valueOf(edited);
        }
        if (node.isIntegralNumber()) {
            // 234567890123 as a JSON number: replaced by text only when it is Aadhaar-shaped.
            String text = node.asText();
            String edited = edit.apply(text);
            return edited.equals(text) ? node : TextNode.valueOf(edited);
        }
        return node;
    }

    /** A text that holds JSON: edited value by value and written back, so that it stays JSON; else as text. */
    private static JsonNode jsonText(String text, UnaryOperator<String> edit) {
        if (!AadhaarInText.containsCandidate(text)) {
            return TextNode.valueOf(text);
        }
        try {
            JsonNode parsed = JSON.readTree(text);
            if (parsed != null && parsed.isContainerNode()) {
                JsonNode before = parsed.deepCopy();
                JsonNode edited = walk(parsed, edit);
                return edited.equals(before) ? TextNode.valueOf(text) : TextNode.valueOf(JSON.writeValueAsString(edited));
            }
        } catch (IOException e) {
            // not JSON after all: scanned as text below
        }
        return TextNode.valueOf(edit.apply(text));
    }
}
