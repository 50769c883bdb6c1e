package dev.seva.vault.domain;

/**
 * The key-encryption key (KEK), by alias, in an HSM: data keys go in clear and come out wrapped
 * (AES-GCM inside the token, the row's token or citizen reference as associated data), and back. The
 * KEK itself never leaves the HSM. Calls may block (a network HSM): callers run them off the event loop.
 */
public interface KeyWrapping {

    /** Makes the KEK {@code alias} in the HSM if it has none (the current KEK at start, a new one at rotation). */
    void ensureKek(String alias);

    byte[] wrap(String kekAlias, byte[] dataKey, String associatedData);

    byte[] unwrap(String kekAlias, byte[] wrapped, String associatedData);
}
