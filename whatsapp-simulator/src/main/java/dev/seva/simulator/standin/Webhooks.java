package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The envelope of every WhatsApp Business Account webhook, as Meta posts it. */
final class Webhooks {

    private Webhooks() {
    }

    /** {@code {"object":"whatsapp_business_account","entry":[{"id","changes":[{"value":{…metadata…},"field":"messages"}]}]}}; returns the value to fill. */
    static ObjectNode envelope(ObjectNode root, String businessAccountId, String displayPhoneNumber, String phoneNumberId) {
        root.put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject();
        entry.put("id", businessAccountId);
        ObjectNode change = entry.putArray("changes").addObject();
        ObjectNode value = change.putObject("value");
        change.put("field", "messages");
        value.put("messaging_product", "whatsapp");
        ObjectNode metadata = value.putObject("metadata");
        metadata.put("display_phone_number", displayPhoneNumber);
        metadata.put("phone_number_id", phoneNumberId);
        return value;
    }

    static ObjectNode newRoot() {
        return JsonNodeFactory.instance.objectNode();
    }
}
