package dev.seva.payment.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The {@code X-Refund-Idempotency} key of a payment's refund: derived from the payment id alone, so every retry (a
 * timeout, a 5xx, a restart, another replica) sends the same key, and Razorpay makes one refund however often it is
 * asked. Razorpay wants at least 10 characters of {@code [A-Za-z0-9_-]}; Seva refunds a payment at most once, in full.
 */
public final class RefundKeys {

    private static final Pattern PLAIN_ID = Pattern.compile("^[A-Za-z0-9_-]{1,40}$");
    public static final Pattern VALID_KEY = Pattern.compile("^[A-Za-z0-9_-]{10,}$");

    private RefundKeys() {
    }

    /** {@code seva-refund-pay_XXXX}; a payment id with other characters is hashed instead ({@code seva-refund-h<hex>}). */
    public static String of(String paymentId) {
        if (paymentId == null || paymentId.isBlank()) {
            throw new IllegalArgumentException("A refund needs the payment id");
        }
        if (PLAIN_ID.matcher(paymentId).matches()) {
            return "seva-refund-" + paymentId;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(paymentId.getBytes(StandardCharsets.UTF_8));
            return "seva-refund-h" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
