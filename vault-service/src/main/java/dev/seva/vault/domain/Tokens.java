package dev.seva.vault.domain;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Random identifiers: Aadhaar tokens ({@code aad_} + 32 letters or digits, ~190 bits) and citizens' key ids. */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final Pattern TOKEN = Pattern.compile("^aad_[A-Za-z0-9]{32}$");

    private Tokens() {
    }

    /** A new Aadhaar token, the same form as conversation-service's vault made (old tokens stay valid in text). */
    public static String newToken() {
        return "aad_" + randomText(32);
    }

    /** Whether the value has a token's form (anything else is answered 404 without a database query). */
    public static boolean isToken(String value) {
        return value != null && TOKEN.matcher(value).matches();
    }

    /** A citizen key's id: random, so it tells nothing about the citizen ({@code sealed:v1:<keyId>:...}). */
    public static String newKeyId() {
        return "key_" + randomText(24);
    }

    static String randomText(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
