package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.EventJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Graph API request bodies from src/test/resources/graph/messages, with ${placeholders} filled. */
final class Fixtures {

    private Fixtures() {
    }

    static String text(String name, Map<String, String> values) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/graph/messages/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> value : values.entrySet()) {
                text = text.replace("${" + value.getKey() + "}", value.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode json(String name) {
        try {
            return (ObjectNode) EventJson.mapper().readTree(text(name, Map.of()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(JsonNode node) {
        try {
            return EventJson.mapper().writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The object at a JSON pointer (which must exist). */
    static ObjectNode at(ObjectNode root, String pointer) {
        return (ObjectNode) root.at(pointer);
    }

    /** {@code n} list rows with distinct ids. */
    static ArrayNode rows(int n, String prefix) {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < n; i++) {
            rows.addObject().put("id", prefix + i).put("title", "Row " + i);
        }
        return rows;
    }

    /** {@code n} reply buttons with distinct ids and titles. */
    static ArrayNode buttons(int n) {
        ArrayNode buttons = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < n; i++) {
            buttons.addObject().put("type", "reply").putObject("reply").put("id", "b" + i).put("title", "Button " + i);
        }
        return buttons;
    }

    static String chars(int n) {
        return "x".repeat(n);
    }
}
