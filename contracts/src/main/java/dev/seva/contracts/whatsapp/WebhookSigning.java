package dev.seva.contracts.whatsapp;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Meta's webhook signature, {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>},
 * keyed with the app secret. The gateway verifies it; the simulator and the load generator sign with it.
 */
public final class WebhookSigning {

    public static final String HEADER = "X-Hub-Signature-256";
    public static final String PREFIX = "sha256=";

    private WebhookSigning() {
    }

    /** The header value for this body signed with this secret. */
    public static String sign(String appSecret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(key(appSecret), body));
    }

    public static SecretKeySpec key(String appSecret) {
        return new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public static byte[] hmac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
        }
    }
}
