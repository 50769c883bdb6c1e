package dev.seva.contracts.whatsapp;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The kinds of message a citizen can send; anything else arrives as {@link #UNSUPPORTED}. */
public enum MessageType {
    TEXT, INTERACTIVE, BUTTON, LOCATION, IMAGE, DOCUMENT, AUDIO, VIDEO, STICKER, CONTACTS, REACTION, ORDER, SYSTEM, UNSUPPORTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static MessageType fromWire(String value) {
        for (MessageType type : values()) {
            if (type.wireName().equals(value)) {
                return type;
            }
        }
        return UNSUPPORTED;
    }

    /** Whether the message carries a media object (image, document, audio, video, sticker). */
    public boolean isMedia() {
        return this == IMAGE || this == DOCUMENT || this == AUDIO || this == VIDEO || this == STICKER;
    }
}
