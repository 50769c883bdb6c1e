package dev.seva.privacy.vault;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A citizen's data key from the vault, for crypto-shredding: personal data is stored and sent sealed
 * with it ({@code sealed:v1:<keyId>:<base64 of nonce, ciphertext and tag>}, AES-256-GCM, the citizen's
 * reference as associated data so a value cannot be moved to another citizen). When the citizen is
 * erased the vault destroys the key, and every copy of what was sealed with it, in tables, Kafka
 * topics and backups, becomes unreadable at once.
 */
public final class CitizenKey {

    public static final String PREFIX = "sealed:v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String citizenRef;
    private final String keyId;
    private final SecretKeySpec key;

    public CitizenKey(String citizenRef, String keyId, byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("A citizen key is 32 bytes");
        }
        this.citizenRef = Objects.requireNonNull(citizenRef, "citizenRef");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.key = new SecretKeySpec(key, "AES");
    }

    public String citizenRef() {
        return citizenRef;
    }

    public String keyId() {
        return keyId;
    }

    /** Whether a stored value is sealed (values written before sealing began are not). */
    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    public String seal(String plaintext) {
        if (plaintext == null) {
            return null;
        }
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, nonce, plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] out = Arrays.copyOf(nonce, 12 + ciphertext.length);
        System.arraycopy(ciphertext, 0, out, 12, ciphertext.length);
        return PREFIX + keyId + ":" + Base64.getEncoder().withoutPadding().encodeToString(out);
    }

    /** The clear value; a value that is not sealed is returned as it is. */
    public String open(String value) {
        if (!isSealed(value)) {
            return value;
        }
        int colon = value.indexOf(':', PREFIX.length());
        if (colon < 0 || !value.substring(PREFIX.length(), colon).equals(keyId)) {
            throw new IllegalArgumentException("The value was sealed with another key");
        }
        byte[] in = Base64.getDecoder().decode(value.substring(colon + 1));
        if (in.length < 12 + 16) {
            throw new IllegalArgumentException("Not a sealed value");
        }
        return new String(crypt(Cipher.DECRYPT_MODE, Arrays.copyOf(in, 12), Arrays.copyOfRange(in, 12, in.length)), StandardCharsets.UTF_8);
    }

    /**
     * Bytes sealed the same way (for files such as an issued PDF): the ASCII prefix and key id, a colon,
     * then nonce, ciphertext and tag.
     */
    public byte[] sealBytes(byte[] plaintext) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, nonce, plaintext);
        byte[] header = (PREFIX + keyId + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + 12 + ciphertext.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(nonce, 0, out, header.length, 12);
        System.arraycopy(ciphertext, 0, out, header.length + 12, ciphertext.length);
        return out;
    }

    /** Whether bytes were sealed by {@link #sealBytes} (files stored before sealing began were not). */
    public static boolean isSealed(byte[] value) {
        byte[] prefix = PREFIX.getBytes(StandardCharsets.US_ASCII);
        return value != null && value.length > prefix.length && Arrays.equals(value, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The clear bytes; bytes that are not sealed are returned as they are. */
    public byte[] openBytes(byte[] value) {
        if (!isSealed(value)) {
            return value;
        }
        byte[] header = (PREFIX + keyId + ":").getBytes(StandardCharsets.US_ASCII);
        if (value.length < header.length + 12 + 16 || !Arrays.equals(value, 0, header.length, header, 0, header.length)) {
            throw new IllegalArgumentException("The bytes were sealed with another key");
        }
        return crypt(Cipher.DECRYPT_MODE, Arrays.copyOfRange(value, header.length, header.length + 12),
                Arrays.copyOfRange(value, header.length + 12, value.length));
    }

    private byte[] crypt(int mode, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(citizenRef.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A citizen's value could not be " + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened"), e);
        }
    }

    @Override
    public String toString() {
        return "CitizenKey[" + citizenRef + ", " + keyId + "]";
    }
}
