package dev.seva.conversation.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-citizen soft limit at intake. A citizen waiting for each reply cannot send more than one
 * message per round trip, so more than {@code limit} messages within a short {@code window} is a
 * flood (a stuck key, a script, a forwarded batch): the first message over the limit gets one polite
 * "please slow down", and from then on the sender's messages are dropped (recorded as handled, never
 * answered) until they have been quiet for {@code quiet}. One number flooding costs the others
 * little, and its citizen gets one reply, not hundreds.
 *
 * <p>State is in memory on the consumer that owns the sender's partition (inbound records are keyed
 * by sender), bounded: the least recently seen senders go first. The gateway's per-sender hard cap is
 * the backstop in front of it.
 */
public final class IntakeThrottle {

    public enum Decision { ADMIT, SLOW_DOWN, DROP }

    private static final class Sender {
        long windowStart;
        int count;
        boolean throttled;
        long lastAt;
    }

    private final int limit;
    private final long windowMillis;
    private final long quietMillis;
    private final Map<String, Sender> senders;

    public IntakeThrottle(int limit, Duration window, Duration quiet, int maxSenders) {
        if (limit < 1) {
            throw new IllegalArgumentException("The intake limit must be at least 1");
        }
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.quietMillis = quiet.toMillis();
        this.senders = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Sender> eldest) {
                return size() > maxSenders;
            }
        };
    }

    /** What to do with the sender's message arriving at {@code now}. */
    public synchronized Decision admit(String sender, Instant now) {
        long at = now.toEpochMilli();
        Sender s = senders.computeIfAbsent(sender, k -> new Sender());
        if (s.throttled) {
            if (at - s.lastAt < quietMillis) {
                s.lastAt = at;
                return Decision.DROP;
            }
            s.throttled = false;
            s.count = 0;
        }
        s.lastAt = at;
        if (s.count == 0 || at - s.windowStart >= windowMillis) {
            s.windowStart = at;
            s.count = 1;
            return Decision.ADMIT;
        }
        s.count++;
        if (s.count <= limit) {
            return Decision.ADMIT;
        }
        s.throttled = true;
        return Decision.SLOW_DOWN;
    }
}
