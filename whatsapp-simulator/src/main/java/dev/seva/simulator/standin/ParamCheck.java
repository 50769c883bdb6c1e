package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Set;

/** Meta-worded checks of one request parameter, addressed as Meta does ({@code interactive['body']['text']}). */
final class ParamCheck {

    private ParamCheck() {
    }

    static String param(String parent, String field) {
        return parent == null ? field : parent + "['" + field + "']";
    }

    static String param(String parent, int index) {
        return parent + "[" + index + "]";
    }

    static GraphException missing(String param) {
        return new GraphException(GraphError.invalidParameter("The parameter " + param + " is required."));
    }

    /** A string field; null when absent and not required. Empty strings count as absent. */
    static String text(JsonNode parent, String field, String parentParam, boolean required) {
        String param = param(parentParam, field);
        JsonNode value = parent.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            if (required) {
                throw missing(param);
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new GraphException(GraphError.invalidParameter("Param " + param + " must be a string."));
        }
        return value.asText();
    }

    static JsonNode object(JsonNode parent, String field, String parentParam, boolean required) {
        return typed(parent, field, parentParam, required, JsonNode::isObject, "a JSON object");
    }

    static JsonNode array(JsonNode parent, String field, String parentParam, boolean required) {
        return typed(parent, field, parentParam, required, JsonNode::isArray, "an array");
    }

    private static JsonNode typed(JsonNode parent, String field, String parentParam, boolean required,
                                  java.util.function.Predicate<JsonNode> isRightType, String typeName) {
        String param = param(parentParam, field);
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw missing(param);
            }
            return null;
        }
        if (!isRightType.test(value)) {
            throw new GraphException(GraphError.invalidParameter("Param " + param + " must be " + typeName + "."));
        }
        return value;
    }

    static String oneOf(JsonNode parent, String field, String parentParam, boolean required, Set<String> allowed) {
        String value = text(parent, field, parentParam, required);
        if (value != null && !allowed.contains(value)) {
            throw new GraphException(GraphError.invalidParameter("Param " + param(parentParam, field) + " must be one of {"
                    + String.join(", ", allowed.stream().sorted().map(s -> s.toUpperCase(Locale.ROOT)).toList())
                    + "} - got \"" + value + "\"."));
        }
        return value;
    }

    /** Meta's wording for a free text over its limit (code 100). */
    static void atMost(String value, int max, String param) {
        if (value != null && length(value) > max) {
            throw new GraphException(GraphError.invalidParameter("Param " + param + " must be at most " + max + " characters long."));
        }
    }

    /** Meta's wording for an interactive part of the wrong length (code 131009). */
    static void lengthBetween(String value, int max, String what) {
        int length = value == null ? 0 : length(value);
        if (length < 1 || length > max) {
            throw new GraphException(GraphError.invalidValue(what + " length invalid. Min length: 1, Max length: " + max));
        }
    }

    static GraphException invalid(String details) {
        return new GraphException(GraphError.invalidValue(details));
    }

    /** Characters as Meta and JSON Schema count them: code points, not UTF-16 units. */
    static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
