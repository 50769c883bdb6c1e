package dev.seva.contracts.whatsapp;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Which interactive element the citizen answered. */
public enum InteractiveKind {
    BUTTON_REPLY, LIST_REPLY, NFM_REPLY;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static InteractiveKind fromWire(String value) {
        for (InteractiveKind kind : values()) {
            if (kind.wireName().equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown interactive kind: " + value);
    }
}
