package dev.seva.simulator.standin;

import java.util.HashMap;
import java.util.Map;

/** Token buckets by key, as Meta meters a business number's throughput and a business–citizen pair. Thread-safe. */
final class TokenBuckets {

    private static final int PRUNE_ABOVE = 10_000;
    private static final long PRUNE_EVERY_NANOS = 30_000_000_000L;

    private final double capacity;
    private final double perNano;
    private final Map<String, double[]> buckets = new HashMap<>(); // key -> {tokens, lastRefillNanos}
    private long lastPrune = System.nanoTime();

    TokenBuckets(double capacity, double perSecond) {
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
    }

    /** Takes a token for the key if one is there. */
    synchronized boolean tryTake(String key, long nowNanos) {
        double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {capacity, nowNanos});
        refill(bucket, nowNanos);
        if (bucket[0] < 1) {
            return false;
        }
        bucket[0] -= 1;
        if (buckets.size() > PRUNE_ABOVE && nowNanos - lastPrune > PRUNE_EVERY_NANOS) {
            prune(nowNanos);
        }
        return true;
    }

    private void refill(double[] bucket, long nowNanos) {
        bucket[0] = Math.min(capacity, bucket[0] + (nowNanos - (long) bucket[1]) * perNano);
        bucket[1] = nowNanos;
    }

    /** A full bucket is the same as no bucket: forget it (at most every 30 s: it walks them all). */
    private void prune(long nowNanos) {
        lastPrune = nowNanos;
        buckets.values().removeIf(b -> {
            refill(b, nowNanos);
            return b[0] >= capacity;
        });
    }
}
