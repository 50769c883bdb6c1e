package dev.seva.vault.domain;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Data keys (DEKs) and what is sealed with them, in software: AES-256-GCM with a random 96-bit nonce,
 * {@code nonce || ciphertext+tag}, with associated data that ties the ciphertext to its row (the token),
 * so a ciphertext moved under another token does not open. DEKs themselves are only ever stored
 * wrapped by the key-encryption key in the HSM ({@link KeyWrapping}).
 */
public final class DataKeys {

    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private DataKeys() {
    }

    /** A new random AES-256 key. */
    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    public static byte[] seal(byte[] key, byte[] plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, key, nonce, plaintext, associatedData);
        byte[] sealed = Arrays.copyOf(nonce, NONCE_BYTES + ciphertext.length);
        System.arraycopy(ciphertext, 0, sealed, NONCE_BYTES, ciphertext.length);
        return sealed;
    }

    /** The plaintext of {@link #seal}; fails if the ciphertext, the key or the associated data differ. */
    public static byte[] open(byte[] key, byte[] sealed, String associatedData) {
        if (sealed == null || sealed.length <= NONCE_BYTES + 16) {
            throw new IllegalStateException("Not a sealed value");
        }
        return crypt(Cipher.DECRYPT_MODE, key, Arrays.copyOf(sealed, NONCE_BYTES),
                Arrays.copyOfRange(sealed, NONCE_BYTES, sealed.length), associatedData);
    }

    /** Overwrites a key once it is no longer needed (a clear key lives in memory only for one request). */
    public static void wipe(byte[] key) {
        if (key != null) {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** SHA-256, hex: how an erased citizen or token is remembered (the tombstone) without being kept. */
    public static String sha256Hex(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(64);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static byte[] crypt(int mode, byte[] key, byte[] nonce, byte[] input, String associatedData) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalStateException("A data key is " + KEY_BYTES + " bytes");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Data key " + (mode == Cipher.ENCRYPT_MODE ? "encryption" : "decryption") + " failed", e);
        }
    }
}
