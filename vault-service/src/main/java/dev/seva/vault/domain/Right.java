package dev.seva.vault.domain;

import java.util.Locale;

/**
 * What a client of the vault may ask. Each calling service gets only what it needs (decision 008): the
 * gateway tokenizes, conversation-service tokenizes, binds, asks for citizens' keys and erases, the
 * desk and document-service ask for keys; nobody in the platform reveals a number today.
 */
public enum Right {
    /** Store an Aadhaar number and answer its token ({@code POST /v1/aadhaar}). */
    TOKENIZE,
    /** Tie a token to a citizen ({@code POST /v1/aadhaar/{token}/binding}, and tokenize with a citizenRef). */
    BIND,
    /** A citizen's data key ({@code POST /v1/citizens/{ref}/key}). */
    KEYS,
    /** The clear number of a token, audited with purpose and actor ({@code POST /v1/aadhaar/{token}/reveal}). */
    REVEAL,
    /** Erase a citizen ({@code DELETE /v1/citizens/{ref}}). */
    ERASE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The right named {@code name} in configuration; an unknown name is a configuration mistake. */
    public static Right fromWire(String name) {
        for (Right right : values()) {
            if (right.wireName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return right;
            }
        }
        throw new IllegalArgumentException("Unknown vault right '" + name.trim() + "' (rights: tokenize, bind, keys, reveal, erase)");
    }
}
