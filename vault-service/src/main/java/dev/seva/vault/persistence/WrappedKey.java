package dev.seva.vault.persistence;

/**
 * A row holding a key wrapped by a KEK, whose id is also the wrapping's associated data (the token of a
 * data key, the citizen reference of a citizen's key): what the re-encryption job moves between KEKs.
 */
public interface WrappedKey {

    String wrappingId();

    String wrappedWith();

    byte[] wrappedKey();

    void rewrapped(String kekAlias, byte[] wrapped);
}
