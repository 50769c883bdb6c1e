package dev.seva.privacy.vault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON values sealed one by one with a citizen's key, as department events carry them: the value's
 * JSON text (a string, a number, a location, an Aadhaar reference) becomes one {@code sealed:v1:}
 * string, so a record keeps its shape (field ids, event type, references) for routing and
 * validation while what the citizen said is readable only with their key, and by nobody once the
 * vault has destroyed it.
 */
public final class SealedJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SealedJson() {
    }

    /** Whether a value is a sealed string. */
    public static boolean isSealed(JsonNode value) {
        return value != null && value.isTextual() && CitizenKey.isSealed(value.textValue());
    }

    /** The value sealed; a value already sealed is kept as it is. */
    public static JsonNode seal(CitizenKey key, JsonNode value) {
        if (value == null || value.isNull() || isSealed(value)) {
            return value;
        }
        return TextNode.valueOf(key.seal(value.toString()));
    }

    /** The clear value; a value that is not sealed is returned as it is. */
    public static JsonNode open(CitizenKey key, JsonNode value) {
        if (!isSealed(value)) {
            return value;
        }
        try {
            return JSON.readTree(key.open(value.textValue()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A sealed value is not JSON", e);
        }
    }

    public static Map<String, JsonNode> sealAll(CitizenKey key, Map<String, JsonNode> values) {
        if (values == null) {
            return null;
        }
        Map<String, JsonNode> sealed = new LinkedHashMap<>();
        values.forEach((id, value) -> sealed.put(id, seal(key, value)));
        return sealed;
    }

    public static Map<String, JsonNode> openAll(CitizenKey key, Map<String, JsonNode> values) {
        if (values == null) {
            return null;
        }
        Map<String, JsonNode> open = new LinkedHashMap<>();
        values.forEach((id, value) -> open.put(id, open(key, value)));
        return open;
    }

    /** A text (a message, a file name) sealed as a JSON string value; null stays null. */
    public static String sealText(CitizenKey key, String text) {
        return text == null ? null : seal(key, TextNode.valueOf(text)).textValue();
    }

    /** The clear text of {@link #sealText}; a text that is not sealed is returned as it is. */
    public static String openText(CitizenKey key, String text) {
        return text == null ? null : open(key, TextNode.valueOf(text)).asText();
    }
}
