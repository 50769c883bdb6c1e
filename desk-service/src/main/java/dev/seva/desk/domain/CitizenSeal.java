package dev.seva.desk.domain;

import dev.seva.privacy.vault.CitizenKey;

import java.util.Objects;

/**
 * A citizen's data key as the desk holds it for a moment (from vault-service), or the knowledge that
 * the citizen has been erased. Everything the citizen told the desk is stored sealed with the key
 * ({@code sealed:v1:…}); once the vault destroys it, every copy of those columns, in the table and in
 * every backup of it, is unreadable (crypto-shredding). Values written before sealing began pass
 * through {@link #open} as they are. An erased citizen has no key: nothing of theirs is opened, shown or
 * stored again.
 */
public final class CitizenSeal {

    public static final CitizenSeal ERASED = new CitizenSeal(null);

    private final CitizenKey key;

    private CitizenSeal(CitizenKey key) {
        this.key = key;
    }

    public static CitizenSeal of(CitizenKey key) {
        return new CitizenSeal(Objects.requireNonNull(key, "key"));
    }

    /** The citizen was erased (the vault answered 410, or the desk already erased them): their data is gone. */
    public boolean erased() {
        return key == null;
    }

    /** The value sealed for storage; null stays null. Refused for an erased citizen: nothing new is stored for them. */
    public String seal(String clear) {
        if (clear == null) {
            return null;
        }
        if (key == null) {
            throw new IllegalStateException("Nothing is stored for an erased citizen");
        }
        return key.seal(clear);
    }

    /**
     * The key itself, for values sealed one by one rather than a column as a whole (the answers on a
     * department's topic, an approval's certificate data: privacy's {@code SealedJson}). Refused for an
     * erased citizen, who has no key.
     */
    public CitizenKey key() {
        if (key == null) {
            throw new IllegalStateException("An erased citizen has no key");
        }
        return key;
    }

    /** The clear value of a stored one (unsealed values as they are); null for an erased citizen, whatever was stored. */
    public String open(String stored) {
        return stored == null || key == null ? null : key.open(stored);
    }

    @Override
    public String toString() {
        return key == null ? "CitizenSeal[erased]" : "CitizenSeal[" + key.keyId() + "]";
    }
}
