package dev.seva.document.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The code printed on a certificate next to its QR code ("Verification code: 7KQM-R4XT") and never put
 * in the QR address: whoever holds the paper (a bank, an office) types it on the verification page to
 * see the key fields; whoever only has the link sees status, type, department, dates, masked holder
 * and hash. 8 characters from 32 that cannot be mistaken for one another (no 0/O, 1/I): 40 random bits
 * from SecureRandom, so about 5.5 × 10^11 guesses on average to find one document's code.
 * Only a SHA-256 of the code (bound to the document id) is stored; checked in constant time.
 */
public final class VerificationCode {

    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final int LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private VerificationCode() {
    }

    /** A new code, printed as {@code XXXX-XXXX}. */
    public static String generate() {
        StringBuilder code = new StringBuilder(LENGTH + 1);
        for (int i = 0; i < LENGTH; i++) {
            if (i == LENGTH / 2) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** What is stored: SHA-256 of the document id and the normalised code, so a code of one document opens no other. */
    public static String hash(String documentId, String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("seva-verification-code:" + documentId + ":" + normalise(code)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    /** Does the typed code match the stored hash? Constant time in the hash comparison; false for no stored hash. */
    public static boolean matches(String storedHash, String documentId, String typed) {
        if (storedHash == null || typed == null) {
            return false;
        }
        String normalised = normalise(typed);
        boolean wellFormed = normalised.length() == LENGTH && normalised.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
        byte[] expected = storedHash.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hash(documentId, wellFormed ? normalised : "").getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual) && wellFormed;
    }

    /** Upper case, without the dash, spaces or anything past a sensible length (people type "7kqm r4xt"). */
    static String normalise(String code) {
        StringBuilder out = new StringBuilder(LENGTH);
        for (int i = 0; i < code.length() && out.length() <= LENGTH; i++) {
            char c = code.charAt(i);
            if (c != '-' && !Character.isWhitespace(c)) {
                out.append(Character.toUpperCase(c));
            }
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }
}
