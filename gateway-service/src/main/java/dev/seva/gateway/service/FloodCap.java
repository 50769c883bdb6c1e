package dev.seva.gateway.service;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gateway's hard cap per sender: a token bucket per citizen address, in memory. One number sending
 * hundreds of messages would otherwise fill the citizen-keyed partition it shares with others and keep
 * conversation-service busy with it alone; over the cap its messages are acknowledged and not published.
 * conversation-service asks the citizen to slow down at a lower limit, so this is only the backstop.
 *
 * <p>Bounded: at most {@code maxSenders} buckets, the least recently seen forgotten first (a forgotten
 * sender simply starts again with a full bucket). One lock: each decision is a few arithmetic operations.
 */
final class FloodCap {

    /** What to do with one message. */
    enum Decision {
        ALLOW,
        /** Over the cap: not published. */
        THROTTLE,
        /** Over the cap, and the first time in this period for this sender: not published, worth one log line. */
        THROTTLE_AND_LOG
    }

    private static final class Bucket {
        double tokens;
        long refilledAt;
        long loggedAt;
        boolean logged;
    }

    private final double capacity;
    private final double tokensPerNano;
    private final long periodNanos;
    private final Map<String, Bucket> buckets;
    private final SecretKeySpec logKey;

    FloodCap(int messages, Duration period, int burst, int maxSenders) {
        if (messages <= 0 || burst <= 0 || period.isNegative() || period.isZero() || maxSenders <= 0) {
            throw new IllegalArgumentException("seva.gateway.flood: messages, burst, period and max-senders must be positive");
        }
        this.capacity = burst;
        this.periodNanos = period.toNanos();
        this.tokensPerNano = (double) messages / periodNanos;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.logKey = new SecretKeySpec(key, "HmacSHA256");
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxSenders;
            }
        };
    }

    /** Takes one message's token from the sender's bucket, at {@code now} (nanoTime). */
    synchronized Decision take(String sender, long now) {
        Bucket bucket = buckets.get(sender);
        if (bucket == null) {
            bucket = new Bucket();
            bucket.tokens = capacity;
            bucket.refilledAt = now;
            buckets.put(sender, bucket);
        } else {
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.refilledAt) * tokensPerNano);
            bucket.refilledAt = now;
        }
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Decision.ALLOW;
        }
        if (!bucket.logged || now - bucket.loggedAt >= periodNanos) {
            bucket.logged = true;
            bucket.loggedAt = now;
            return Decision.THROTTLE_AND_LOG;
        }
        return Decision.THROTTLE;
    }

    /**
     * How a sender appears in logs: an HMAC of the address under a key made at start-up, so one
     * process's lines about one sender can be matched, and the phone number cannot be recovered from
     * them (a plain hash of a phone number can be reversed by trying every number).
     */
    String logId(String sender) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(logKey);
            return "sender-" + HexFormat.of().formatHex(mac.doFinal(sender.getBytes(StandardCharsets.UTF_8)), 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    synchronized int senders() {
        return buckets.size();
    }
}
