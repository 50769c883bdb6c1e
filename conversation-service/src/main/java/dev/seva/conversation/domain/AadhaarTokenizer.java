package dev.seva.conversation.domain;

/**
 * Turns a clear Aadhaar number into a vault token and the encrypted entry to store under it. The
 * clear number goes no further than this call.
 */
public interface AadhaarTokenizer {

    /** The entry to store, keyed by its token, with the masked form {@code XXXX XXXX 1234}. */
    VaultEntry tokenize(String aadhaarDigits);

    record VaultEntry(String token, String masked, String keyId, byte[] nonce, byte[] ciphertext) {
    }
}
