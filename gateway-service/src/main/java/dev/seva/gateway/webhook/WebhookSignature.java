package dev.seva.gateway.webhook;

import dev.seva.contracts.whatsapp.WebhookSigning;

import javax.crypto.spec.SecretKeySpec;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Meta's {@code X-Hub-Signature-256}: {@code sha256=} followed by the hex HMAC-SHA256 of the raw request
 * body, keyed with the app secret. Several secrets are accepted so a secret can be rotated without
 * downtime. Comparison is constant-time.
 */
public final class WebhookSignature {

    private static final String PREFIX = WebhookSigning.PREFIX;
    private static final int SHA256_HEX_LENGTH = 64;

    private final List<SecretKeySpec> keys;

    public WebhookSignature(List<String> appSecrets) {
        List<String> usable = appSecrets == null ? List.of()
                : appSecrets.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("At least one WhatsApp app secret is required");
        }
        this.keys = usable.stream().map(WebhookSigning::key).toList();
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
            matched |= MessageDigest.isEqual(WebhookSigning.hmac(key, body), claimed);
        }
        return matched ? Verdict.VALID : Verdict.MISMATCH;
    }
}
