package dev.seva.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.whatsapp.MetaError;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Lenient reads of Meta's JSON: a wrong type reads as absent instead of throwing. */
final class Json {

    private Json() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : value.isNumber() ? value.asText() : null;
    }

    static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isBoolean() ? value.booleanValue() : null;
    }

    static Double number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            try {
                return Double.valueOf(value.asText());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isArray() ? value : List.of();
    }

    /** Meta's timestamps are epoch seconds as a string; anything unreadable falls back. */
    static Instant epochSeconds(JsonNode node, String field, Instant fallback) {
        String value = text(node, field);
        if (value == null) {
            return fallback;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            // Years 2001-2286: outside that it is not a real send time.
            return seconds > 1_000_000_000L && seconds < 9_999_999_999L ? Instant.ofEpochSecond(seconds) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static List<MetaError> errors(JsonNode errors) {
        List<MetaError> result = new ArrayList<>();
        if (!errors.isArray()) {
            return result;
        }
        for (JsonNode error : errors) {
            JsonNode code = error.path("code");
            if (!error.isObject() || !code.canConvertToInt()) {
                continue;
            }
            result.add(new MetaError(code.intValue(), text(error, "title"), text(error, "message"),
                    text(error.path("error_data"), "details"), text(error, "href")));
        }
        return result;
    }
}
