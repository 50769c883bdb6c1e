package dev.seva.desk.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.seva.consumer.UnprocessableRecord;
import dev.seva.desk.domain.CitizenSeal;
import dev.seva.privacy.vault.SealedJson;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The citizen's values as they travel on the department topics, each sealed on its own with the
 * citizen's key (decision 009), so that the vault destroying the key makes every copy in Kafka and its
 * backups unreadable.
 *
 * <p>Coming in ({@code fields} and {@code information.answer} of {@code dept.<d>.applications.v1}):
 * opened here before the desk looks at any of it (the district and mandal of the queue filter, what is
 * stored, what the officer reads). Values sent before sealing began are clear and pass through. The
 * contract can see only that a value is sealed, so the shape it used to check is checked here on the
 * opened value: a string, number, boolean, location or Aadhaar reference, and an Aadhaar field only as
 * a reference (the desk never holds an Aadhaar number). A value the citizen's key does not open (sealed
 * for another citizen: the reference is the seal's associated data; or damaged), or of another shape,
 * is the record's fault: {@link UnprocessableRecord}, dead-lettered like an event naming another
 * citizen, and nothing of the record is stored. Reasons name the field, never the value.
 *
 * <p>Going out (an approval's certificate data on {@code dept.<d>.outcomes.v1}): every value sealed with
 * the citizen's key; document-service opens them with it.
 *
 * <p>The handover topics the same way: what the citizen wrote in a handover thread (its text and a file's
 * name, {@code conversation.handovers.v1}) is opened here, and an officer's reply ({@code desk.handovers.v1})
 * is sealed here, each with the citizen's key; conversation-service does the reverse.
 */
final class SealedValues {

    private static final Pattern AADHAAR_FIELD = Pattern.compile("^[Aa]adhaar");
    private static final Pattern AADHAAR_TOKEN = Pattern.compile("^aad_[A-Za-z0-9_-]{16,128}$");
    private static final Pattern AADHAAR_MASKED = Pattern.compile("^XXXX XXXX [0-9]{4}$");
    private static final int MAX_TEXT = 4096;
    private static final int MAX_ADDRESS = 2048;

    private SealedValues() {
    }

    /** The answers of a submitted application, opened and checked; null stays null. */
    static Map<String, JsonNode> openFields(CitizenSeal seal, String reference, Map<String, JsonNode> fields) {
        return openFieldsOf(seal, "application " + reference, fields);
    }

    /** The same for the answers of another event ({@code subject}: "look-up LKP-…", named in a refusal's reason). */
    static Map<String, JsonNode> openFieldsOf(CitizenSeal seal, String subject, Map<String, JsonNode> fields) {
        if (fields == null) {
            return null;
        }
        Map<String, JsonNode> open = new LinkedHashMap<>();
        fields.forEach((id, value) -> {
            JsonNode clear = open(seal, subject, "field " + id, value);
            boolean aadhaar = AADHAAR_FIELD.matcher(id).find();
            if (aadhaar ? !isAadhaarReference(clear) : !isFieldValue(clear)) {
                throw new UnprocessableRecord(subject + ": field " + id + " is not "
                        + (aadhaar ? "an Aadhaar reference (token and masked form)" : "a string, number, boolean, location or Aadhaar reference"));
            }
            open.put(id, clear);
        });
        return open;
    }

    /** The citizen's answer to an officer's question, opened and checked; null stays null. */
    static JsonNode openAnswer(CitizenSeal seal, String reference, JsonNode answer) {
        if (answer == null || answer.isNull()) {
            return answer;
        }
        JsonNode clear = open(seal, "application " + reference, "the answer", answer);
        if (!isFieldValue(clear)) {
            throw new UnprocessableRecord("application " + reference + ": the answer is not a string, number, boolean, location or Aadhaar reference");
        }
        return clear;
    }

    /** Every value of an approval's certificate data sealed with the citizen's key (its clear text a JSON string). */
    static Map<String, Object> sealAll(CitizenSeal seal, Map<String, String> data) {
        Map<String, Object> sealed = new LinkedHashMap<>();
        data.forEach((k, v) -> sealed.put(k, SealedJson.sealText(seal.key(), v)));
        return sealed;
    }

    /**
     * A text of a handover thread ({@code text}, {@code media.filename} on {@code conversation.handovers.v1}),
     * opened: its clear text is the JSON of the string. A clear one (sent before sealing began) passes
     * through. The length the contract can no longer see (it sees only the seal) is checked on the opened
     * text, as the contract checked it before; null stays null.
     */
    static String openText(CitizenSeal seal, String subject, String what, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        JsonNode clear = open(seal, subject, what, TextNode.valueOf(value));
        if (clear == null || !clear.isTextual()) {
            throw new UnprocessableRecord(subject + ": " + what + " does not open to a text");
        }
        String text = clear.textValue();
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw new UnprocessableRecord(subject + ": " + what + " is longer than " + maxLength + " characters");
        }
        return text;
    }

    /** A text sealed for the topic with the citizen's key (its clear text the JSON string); null stays null. */
    static String sealText(CitizenSeal seal, String text) {
        return SealedJson.sealText(seal.key(), text);
    }

    private static JsonNode open(CitizenSeal seal, String subject, String what, JsonNode value) {
        if (!SealedJson.isSealed(value)) {
            return value;
        }
        // An erased citizen has no key (refused here, outside the catch): the caller keeps nothing of theirs before opening.
        var key = seal.key();
        try {
            return SealedJson.open(key, value);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Another key id, another citizen's associated data (GCM tag), damaged text or no JSON inside: not this citizen's value.
            throw new UnprocessableRecord(subject + ": " + what + " does not open with its citizen's key"
                    + " (sealed for another citizen, or damaged)");
        }
    }

    static boolean isFieldValue(JsonNode v) {
        if (v == null) {
            return false;
        }
        if (v.isTextual()) {
            return v.textValue().codePointCount(0, v.textValue().length()) <= MAX_TEXT;
        }
        return v.isNumber() || v.isBoolean() || isAadhaarReference(v) || isLocation(v);
    }

    static boolean isAadhaarReference(JsonNode v) {
        return v != null && v.isObject() && v.size() == 2 && v.path("token").isTextual() && v.path("masked").isTextual()
                && AADHAAR_TOKEN.matcher(v.get("token").textValue()).matches() && AADHAAR_MASKED.matcher(v.get("masked").textValue()).matches();
    }

    private static boolean isLocation(JsonNode v) {
        if (v == null || !v.isObject() || !v.path("latitude").isNumber() || !v.path("longitude").isNumber()) {
            return false;
        }
        Set<String> allowed = Set.of("latitude", "longitude", "address");
        for (var names = v.fieldNames(); names.hasNext(); ) {
            if (!allowed.contains(names.next())) {
                return false;
            }
        }
        double lat = v.get("latitude").asDouble();
        double lon = v.get("longitude").asDouble();
        JsonNode address = v.get("address");
        return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180
                && (address == null || address.isTextual() && address.textValue().length() <= MAX_ADDRESS);
    }
}
