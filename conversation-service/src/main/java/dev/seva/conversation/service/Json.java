package dev.seva.conversation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.seva.contracts.EventJson;
import dev.seva.privacy.vault.CitizenKey;

/**
 * JSON for what the service stores as text (sessions, answers, texts). What is personal is stored sealed
 * with the citizen's key ({@link #sealed}, crypto-shredding: once the vault destroys the key it is
 * unreadable everywhere); values stored before sealing began open as they are.
 */
final class Json {

    private Json() {
    }

    static String write(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sealed(CitizenKey key, Object value) {
        return key.seal(write(value));
    }

    static <T> T opened(CitizenKey key, String stored, Class<T> type) {
        return read(key.open(stored), type);
    }

    static <T> T opened(CitizenKey key, String stored, TypeReference<T> type) {
        return read(key.open(stored), type);
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return EventJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stored " + type.getSimpleName(), e);
        }
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stored value", e);
        }
    }
}
