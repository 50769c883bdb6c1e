package dev.seva.simulator.standin;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Ids shaped like Meta's: message ids ({@code wamid.…}), numeric media ids, trace ids, conversation ids, payment status ids. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TRACE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    private Ids() {
    }

    /** A message id: {@code wamid.} and base64 of the address and 16 random bytes, as Meta's are (unique, opaque). */
    static String wamid(String address) {
        byte[] who = address.getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[who.length + 16];
        System.arraycopy(who, 0, bytes, 0, who.length);
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        System.arraycopy(random, 0, bytes, who.length, 16);
        return "wamid." + Base64.getEncoder().encodeToString(bytes);
    }

    /** A media id: 16 digits, not starting with 0. */
    static String mediaId() {
        StringBuilder id = new StringBuilder().append(1 + RANDOM.nextInt(9));
        for (int i = 0; i < 15; i++) {
            id.append(RANDOM.nextInt(10));
        }
        return id.toString();
    }

    static String fbtraceId() {
        StringBuilder id = new StringBuilder(23);
        for (int i = 0; i < 23; i++) {
            id.append(TRACE_ALPHABET.charAt(RANDOM.nextInt(TRACE_ALPHABET.length())));
        }
        return id.toString();
    }

    /** The id of a payment status in a webhook: 27 opaque characters, as in Meta's example ({@code gBGGFlB5YjhvAgnhuF1qIUvCo7A}). */
    static String paymentStatusId() {
        StringBuilder id = new StringBuilder(27);
        for (int i = 0; i < 27; i++) {
            id.append(TRACE_ALPHABET.charAt(RANDOM.nextInt(62)));
        }
        return id.toString();
    }

    static String conversationId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
