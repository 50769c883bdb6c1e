package dev.seva.conversation.service;

import dev.seva.conversation.config.ConversationConfig;
import dev.seva.conversation.domain.AadhaarTokenizer;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Aadhaar vault's cryptography: AES-256-GCM with a random 96-bit nonce, the token as associated
 * data (a ciphertext cannot be moved under another token), keys from configuration by id.
 */
@ApplicationScoped
public class AesGcmVault implements AadhaarTokenizer {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final String currentKeyId;

    public AesGcmVault(ConversationConfig config) {
        for (String entry : config.aadhaarKeys()) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("An Aadhaar vault key is <id>:<base64 of 32 bytes>");
            }
            byte[] key = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
            if (key.length != 32) {
                throw new IllegalArgumentException("Aadhaar vault key " + entry.substring(0, colon) + " is not 32 bytes");
            }
            keys.put(entry.substring(0, colon).trim(), new SecretKeySpec(key, "AES"));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("At least one Aadhaar vault key is required (AADHAAR_VAULT_KEYS)");
        }
        currentKeyId = keys.keySet().iterator().next();
    }

    @Override
    public VaultEntry tokenize(String aadhaarDigits) {
        String token = "aad_" + randomText(32);
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, currentKeyId, nonce, token, aadhaarDigits.getBytes(StandardCharsets.US_ASCII));
        return new VaultEntry(token, "XXXX XXXX " + aadhaarDigits.substring(aadhaarDigits.length() - 4), currentKeyId, nonce, ciphertext);
    }

    /** The clear number; for an authorised department request or key rotation, never for logs. */
    public String reveal(String token, String keyId, byte[] nonce, byte[] ciphertext) {
        return new String(crypt(Cipher.DECRYPT_MODE, keyId, nonce, token, ciphertext), StandardCharsets.US_ASCII);
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    private byte[] crypt(int mode, String keyId, byte[] nonce, String token, byte[] input) {
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("Aadhaar vault key " + keyId + " is not configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(token.getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Aadhaar vault " + (mode == Cipher.ENCRYPT_MODE ? "encryption" : "decryption") + " failed", e);
        }
    }

    static String randomText(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
