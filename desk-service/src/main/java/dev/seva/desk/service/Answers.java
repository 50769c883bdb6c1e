package dev.seva.desk.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.catalogue.FieldDefinition;
import dev.seva.contracts.catalogue.ServiceDefinition;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The citizen's answers as an officer reads them and a certificate prints them: text as written,
 * numbers without a needless ".0", the Aadhaar number only in its masked form (the desk never holds
 * it in clear: the event carries a vault token and the mask), an address or a place as its text.
 */
public final class Answers {

    private Answers() {
    }

    public static Optional<String> printable(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            return Optional.of(value.asText());
        }
        if (value.isNumber()) {
            return Optional.of(value.isIntegralNumber() || value.asDouble() == Math.rint(value.asDouble())
                    ? String.valueOf(value.asLong()) : String.valueOf(value.asDouble()));
        }
        if (value.isBoolean()) {
            return Optional.of(value.asBoolean() ? "yes" : "no");
        }
        if (value.has("masked")) {
            return Optional.of(value.get("masked").asText());
        }
        if (value.has("address") && !value.get("address").asText().isBlank()) {
            return Optional.of(value.get("address").asText());
        }
        if (value.has("latitude") && value.has("longitude")) {
            return Optional.of(value.get("latitude").asText() + ", " + value.get("longitude").asText());
        }
        return Optional.empty();
    }

    /** Every printable answer, by field id, in the order stored. */
    public static Map<String, String> printableAll(JsonNode fields) {
        Map<String, String> out = new LinkedHashMap<>();
        if (fields != null && fields.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                printable(e.getValue()).ifPresent(v -> out.put(e.getKey(), v));
            }
        }
        return out;
    }

    /** One answer with the service's question as its label, in the officer's language. */
    public record Labelled(String fieldId, String label, String value) {
    }

    public static List<Labelled> labelled(Map<String, String> answers, Optional<ServiceDefinition> service, String language) {
        List<Labelled> out = new ArrayList<>();
        Map<String, String> remaining = new LinkedHashMap<>(answers);
        service.ifPresent(s -> {
            for (FieldDefinition f : s.fields()) {
                String v = remaining.remove(f.id());
                if (v != null && f.options() != null) {
                    // A choice answers with the option's id: show the officer the option as the citizen saw it.
                    String chosen = v;
                    v = f.options().stream().filter(o -> o.id().equals(chosen) && o.labels() != null).findFirst()
                            .map(o -> o.labels().in(language)).orElse(chosen);
                }
                if (v != null) {
                    out.add(new Labelled(f.id(), f.prompts() == null ? f.id() : shortLabel(f.prompts().in(language)), v));
                }
            }
        });
        remaining.forEach((k, v) -> out.add(new Labelled(k, k, v)));
        return out;
    }

    /** Ids of the service's name fields, in order (the holder of a certificate). */
    public static List<String> nameFields(Optional<ServiceDefinition> service) {
        return service.map(s -> s.fields().stream().filter(f -> f.type() == FieldDefinition.FieldType.NAME).map(FieldDefinition::id).toList())
                .orElse(List.of());
    }

    /** A question such as "What is the applicant's full name?" shortened to a label. */
    static String shortLabel(String prompt) {
        String p = prompt.strip();
        return p.length() > 80 ? p.substring(0, 77) + "…" : p;
    }
}
