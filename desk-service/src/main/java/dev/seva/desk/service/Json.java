package dev.seva.desk.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.EventJson;

/** JSON columns as text, with the contracts' mapper. */
public final class Json {

    private Json() {
    }

    public static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not serialisable: " + value.getClass().getSimpleName(), e);
        }
    }

    public static JsonNode tree(String json) {
        if (json == null) {
            return EventJson.mapper().nullNode();
        }
        try {
            return EventJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored JSON column is not JSON", e);
        }
    }

    public static <T> T read(String json, TypeReference<T> type) {
        try {
            return json == null ? null : EventJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored JSON column is not " + type.getType(), e);
        }
    }
}
