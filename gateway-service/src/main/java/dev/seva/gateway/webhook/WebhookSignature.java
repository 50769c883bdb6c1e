package dev.seva.gateway.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Meta's {@code X-Hub-Signature-256}: {@code sha256=} followed by the hex HMAC-SHA256 of the raw request
 * body, keyed with the app secret. Several secrets are accepted so a secret can be rotated without
 * downtime. Comparison is constant-time.
 */
public final class WebhookSignature {

    private static final String PREFIX = "sha256=";
    private static final int SHA256_HEX_LENGTH = 64;

    private final List<SecretKeySpec> keys;

    public WebhookSignature(List<String> appSecrets) {
        List<String> usable = appSecrets == null ? List.of()
                : appSecrets.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("At least one WhatsApp app secret is required");
        }
        this.keys = usable.stream().map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), "HmacSHA256")).toList();
    }

    public enum Verdict { VALID, MISSING, MALFORMED, MISMATCH }

    public Verdict verify(String header, byte[] body) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        String value = header.trim();
        if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || value.length() != PREFIX.length() + SHA256_HEX_LENGTH) {
            return Verdict.MALFORMED;
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Verdict.MALFORMED;
        }
        boolean matched = false;
        for (SecretKeySpec key : keys) {
            // Every key is tried even after a match, so timing does not reveal which secret matched.
            matched |= MessageDigest.isEqual(hmac(key, body), claimed);
        }
        return matched ? Verdict.VALID : Verdict.MISMATCH;
    }

    /** The header value a sender with this secret would put on this body (tests and the simulator). */
    public static String sign(String appSecret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), body));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
        }
    }
}
