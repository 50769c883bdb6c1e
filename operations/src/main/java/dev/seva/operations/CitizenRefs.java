package dev.seva.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** The {@code citizenRef} fields of a JSON document, at any depth (an event's envelope or its payload). */
final class CitizenRefs {

    static final String FIELD = "citizenRef";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CitizenRefs() {
    }

    /** Adds what the text holds to {@code into}; false when it holds none (or is not JSON). */
    static boolean collect(String text, Set<String> into) {
        if (text == null || text.isBlank()) {
            return false;
        }
        try {
            return collect(JSON.readTree(text), into);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    static boolean collect(JsonNode node, Set<String> into) {
        boolean found = false;
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals(FIELD) && field.getValue().isTextual() && !field.getValue().asText().isBlank()) {
                    into.add(field.getValue().asText());
                    found = true;
                } else {
                    found |= collect(field.getValue(), into);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                found |= collect(child, into);
            }
        }
        return found;
    }
}
