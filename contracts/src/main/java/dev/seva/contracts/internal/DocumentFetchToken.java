package dev.seva.contracts.internal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The short-lived bearer token with which notification-service fetches a document's PDF from
 * document-service ({@code GET /internal/documents/{documentId}/content}, header
 * {@code Authorization: Bearer <token>}). Both sides share {@code DOCUMENT_FETCH_SECRET}; nothing is
 * stored, so any instance of document-service can verify a token any instance of notification-service issued.
 *
 * <p>Form: {@code v1.<base64url(documentId)>.<expiry, epoch seconds>.<base64url(HMAC-SHA256(secret, "seva-document-fetch|v1|" + documentId + "|" + expiry))>}.
 * A token names exactly one document and expires; {@link #verify} refuses a token for another
 * document, an expired one, one whose expiry lies further ahead than {@link #MAX_LIFETIME} (a clock
 * or issuer error, never accepted), and one signed with none of the given secrets (rotation: pass the
 * current secret first, then the previous one). Comparison is constant-time.
 */
public final class DocumentFetchToken {

    /** The longest lifetime a verifier accepts, whatever the token says. */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

    private static final String VERSION = "v1";
    private static final String DOMAIN = "seva-document-fetch|" + VERSION + "|";
    private static final Pattern EXPIRY = Pattern.compile("[0-9]{1,12}");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    /** Why a token was refused (safe to log: it says nothing about the document or the secret). */
    public enum Verdict { VALID, MALFORMED, WRONG_DOCUMENT, EXPIRED, TOO_LONG_LIVED, BAD_SIGNATURE }

    private DocumentFetchToken() {
    }

    /** A token for this document, valid for {@code lifetime} (at most {@link #MAX_LIFETIME}). */
    public static String issue(String secret, String documentId, Duration lifetime, Clock clock) {
        requireSecret(secret);
        if (documentId == null || documentId.isEmpty()) {
            throw new IllegalArgumentException("documentId is required");
        }
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("lifetime must be positive and at most " + MAX_LIFETIME);
        }
        long expiry = clock.instant().plus(lifetime).getEpochSecond();
        return VERSION + "." + B64.encodeToString(documentId.getBytes(StandardCharsets.UTF_8)) + "." + expiry + "."
                + B64.encodeToString(mac(secret, documentId, expiry));
    }

    /** Checks a token presented for {@code documentId} against the accepted secrets (current first). */
    public static Verdict verify(List<String> secrets, String token, String documentId, Clock clock) {
        if (token == null || documentId == null) {
            return Verdict.MALFORMED;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0]) || !EXPIRY.matcher(parts[2]).matches()) {
            return Verdict.MALFORMED;
        }
        byte[] presentedMac;
        String tokenDocument;
        try {
            tokenDocument = new String(B64_DECODER.decode(parts[1]), StandardCharsets.UTF_8);
            presentedMac = B64_DECODER.decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return Verdict.MALFORMED;
        }
        long expiry = Long.parseLong(parts[2]);
        boolean signed = false;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty() && MessageDigest.isEqual(mac(secret, tokenDocument, expiry), presentedMac)) {
                signed = true;
                break;
            }
        }
        if (!signed) {
            return Verdict.BAD_SIGNATURE;
        }
        if (!MessageDigest.isEqual(tokenDocument.getBytes(StandardCharsets.UTF_8), documentId.getBytes(StandardCharsets.UTF_8))) {
            return Verdict.WRONG_DOCUMENT;
        }
        Instant now = clock.instant();
        if (now.getEpochSecond() >= expiry) {
            return Verdict.EXPIRED;
        }
        if (expiry - now.getEpochSecond() > MAX_LIFETIME.getSeconds()) {
            return Verdict.TOO_LONG_LIVED;
        }
        return Verdict.VALID;
    }

    private static byte[] mac(String secret, String documentId, long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal((DOMAIN + documentId + "|" + expiry).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
        }
    }

    private static void requireSecret(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("The document fetch secret must be at least 16 characters");
        }
    }
}
