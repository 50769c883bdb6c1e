package dev.seva.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.EventJson;

import java.util.List;
import java.util.UUID;

/** Meta-shaped webhooks built in a test: one change for the test business number, messages of any type. */
final class Citizens {

    static final String PHONE_NUMBER_ID = "106540352242922";
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Citizens() {
    }

    /** A webhook with these messages, all from {@code from}, whose WhatsApp profile name is {@code profileName}. */
    static byte[] webhook(String from, String profileName, List<ObjectNode> messages) {
        ObjectNode root = NODES.objectNode().put("object", "whatsapp_business_account");
        ObjectNode change = root.putArray("entry").addObject().put("id", "102290129340398")
                .putArray("changes").addObject().put("field", "messages");
        ObjectNode value = change.putObject("value").put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", "15550783881").put("phone_number_id", PHONE_NUMBER_ID);
        ObjectNode contact = value.putArray("contacts").addObject().put("wa_id", from);
        contact.putObject("profile").put("name", profileName);
        ArrayNode array = value.putArray("messages");
        for (ObjectNode message : messages) {
            if (!message.has("from")) {
                message.put("from", from);
            }
            array.add(message);
        }
        try {
            return EventJson.mapper().writeValueAsBytes(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String messageId() {
        return "wamid.TEST" + UUID.randomUUID().toString().replace("-", "");
    }

    static ObjectNode message(String id, String type) {
        return NODES.objectNode().put("id", id).put("timestamp", "1795860000").put("type", type);
    }

    static ObjectNode text(String id, String body) {
        ObjectNode message = message(id, "text");
        message.putObject("text").put("body", body);
        return message;
    }

    /** A status (delivery receipt) for {@code recipient}. */
    static byte[] status(String recipient, String messageId) {
        ObjectNode root = NODES.objectNode().put("object", "whatsapp_business_account");
        ObjectNode value = root.putArray("entry").addObject().put("id", "102290129340398")
                .putArray("changes").addObject().put("field", "messages").putObject("value").put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", "15550783881").put("phone_number_id", PHONE_NUMBER_ID);
        value.putArray("statuses").addObject().put("id", messageId).put("status", "delivered")
                .put("timestamp", "1795860005").put("recipient_id", recipient);
        try {
            return EventJson.mapper().writeValueAsBytes(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
