package dev.seva.notification.domain;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Meta's per-recipient pacing ("pair rate": about one message every 6 seconds to one person, with
 * bursts allowed): a token bucket per recipient of {@code burst} messages, refilled at one per
 * {@code interval}. A conversation (a reply, a list, a document) goes out at once; only a flood to one
 * citizen is spread out. {@link #reserve} books the next slot and says how long to wait for it, so
 * callers that deliver one citizen's messages in order (as notification-service does: one lane per
 * citizen) never exceed the pace. Thread-safe.
 */
public final class PairPacer {

    private static final int PRUNE_ABOVE = 50_000;
    private static final long PRUNE_EVERY_NANOS = 30_000_000_000L;

    private final double burst;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Map<String, double[]> buckets = new HashMap<>(); // recipient -> {tokens, lastNanos}
    private long lastPrune;

    public PairPacer(int burst, Duration interval, LongSupplier nanoClock) {
        if (burst < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("burst >= 1 and a positive interval are required");
        }
        this.burst = burst;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.lastPrune = nanoClock.getAsLong();
    }

    /** Books one message to the recipient; returns how long to wait before sending it (zero: now). */
    public synchronized Duration reserve(String recipient) {
        long now = nanoClock.getAsLong();
        double[] bucket = buckets.computeIfAbsent(recipient, r -> new double[] {burst, now});
        refill(bucket, now);
        bucket[0] -= 1;
        if (buckets.size() > PRUNE_ABOVE && now - lastPrune > PRUNE_EVERY_NANOS) {
            prune(now);
        }
        return bucket[0] >= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(-bucket[0] * intervalNanos));
    }

    /** Gives back one booked message (it was not sent after all), never above the burst. */
    public synchronized void refund(String recipient) {
        double[] bucket = buckets.get(recipient);
        if (bucket != null) {
            refill(bucket, nanoClock.getAsLong());
            bucket[0] = Math.min(burst, bucket[0] + 1);
        }
    }

    synchronized int tracked() {
        return buckets.size();
    }

    private void refill(double[] bucket, long now) {
        bucket[0] = Math.min(burst, bucket[0] + (double) (now - (long) bucket[1]) / intervalNanos);
        bucket[1] = now;
    }

    /** A full bucket is the same as none: forget recipients who have been quiet long enough (at most every 30 s: it walks them all). */
    private void prune(long now) {
        lastPrune = now;
        buckets.values().removeIf(bucket -> {
            refill(bucket, now);
            return bucket[0] >= burst;
        });
    }
}
