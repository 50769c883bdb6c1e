package dev.seva.document.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.seva.privacy.vault.CitizenKey;
import dev.seva.privacy.vault.SealedJson;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An approval's certificate data ({@code document.data} on {@code dept.<d>.outcomes.v1}) as it travels:
 * what is the citizen's (names, incomes, addresses, the masked Aadhaar) sealed value by value with the
 * citizen's key (decision 009; a department may copy the application's sealed answers through
 * unchanged), office values (district, mandal) clear. Opened here, before anything is rendered, masked or
 * stored, and reduced to what a certificate prints: a string as it is, a number, a boolean, an Aadhaar
 * reference as its masked form, a location as its address or else "latitude, longitude". Clear values
 * (and outcomes sent before sealing began) pass through unchanged.
 *
 * <p>A value the citizen's key does not open (sealed for another citizen: the reference is the seal's
 * associated data; another key; damaged), or whose clear text is none of those shapes, is the record's
 * fault: {@link Unprocessable}, dead-lettered, nothing issued. Reasons name the data key, never the value.
 */
final class SealedData {

    private SealedData() {
    }

    /** The data with every sealed value opened and reduced to something printable; null stays null. */
    static Map<String, Object> open(CitizenKey key, String applicationRef, Map<String, Object> data) {
        if (data == null) {
            return null;
        }
        Map<String, Object> open = new LinkedHashMap<>();
        data.forEach((name, value) -> open.put(name, value instanceof String && CitizenKey.isSealed((String) value)
                ? printable(applicationRef, name, opened(key, applicationRef, name, (String) value))
                : value));
        return open;
    }

    private static JsonNode opened(CitizenKey key, String applicationRef, String name, String sealed) {
        try {
            return SealedJson.open(key, TextNode.valueOf(sealed));
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Another key id, another citizen's associated data (GCM tag), damaged text or no JSON inside.
            throw new Unprocessable("application " + applicationRef + ": document.data " + name
                    + " does not open with its citizen's key (sealed for another citizen, or damaged)");
        }
    }

    /** What the certificate prints for an opened value (the shapes the contracts allow an answer to have). */
    static Object printable(String applicationRef, String name, JsonNode value) {
        if (value != null) {
            if (value.isTextual()) {
                return value.textValue();
            }
            if (value.isNumber()) {
                // Integer, Long, BigInteger or Double: what a clear value of the record deserialises to.
                return value.numberValue();
            }
            if (value.isBoolean()) {
                return value.booleanValue();
            }
            if (value.isObject()) {
                if (value.path("masked").isTextual()) {
                    return value.get("masked").textValue();
                }
                if (value.path("address").isTextual() && !value.get("address").textValue().isBlank()) {
                    return value.get("address").textValue();
                }
                if (value.path("latitude").isNumber() && value.path("longitude").isNumber()) {
                    return value.get("latitude").asText() + ", " + value.get("longitude").asText();
                }
            }
        }
        throw new Unprocessable("application " + applicationRef + ": document.data " + name
                + " opens to something a certificate cannot print (not a string, number, boolean, location or Aadhaar reference)");
    }
}
