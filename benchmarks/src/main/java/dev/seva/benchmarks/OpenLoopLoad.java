package dev.seva.benchmarks;

import io.vertx.core.Future;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Sends requests at a fixed rate regardless of how fast answers come (open loop), and measures each
 * latency from the moment the request was due, not from when it was actually sent: a server that
 * stalls is charged for the queue it causes (no coordinated omission).
 */
public final class OpenLoopLoad {

    /** What one run measured. */
    public record Result(double targetRate, double achievedRate, long sent, long ok, long failed, long dropped,
                         Histogram latency, Map<Integer, Long> statuses, long[] completedPerSecond, long[] p99MicrosPerSecond) {
    }

    private final int maxInFlight;

    public OpenLoopLoad(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    /**
     * @param request given a sequence number, starts one request; its future completes with the HTTP status
     * @param isOk    which statuses count as success
     */
    public Result run(double ratePerSecond, int seconds, LongFunction<Future<Integer>> request, java.util.function.IntPredicate isOk) {
        Recorder recorder = new Recorder(TimeUnit.SECONDS.toMicros(60), 3);
        Histogram total = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        long[] completedPerSecond = new long[seconds + 10];
        long[] p99PerSecond = new long[seconds + 10];
        Recorder perSecond = new Recorder(TimeUnit.SECONDS.toMicros(60), 2);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong dropped = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

        long intervalNanos = (long) (1_000_000_000L / ratePerSecond);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long sequence = 0;
        int lastSecond = -1;
        long due = start;
        while (due < end) {
            long now = System.nanoTime();
            if (now < due) {
                LockSupport.parkNanos(Math.min(due - now, 200_000));
                continue;
            }
            int second = (int) ((now - start) / 1_000_000_000L);
            if (second != lastSecond && lastSecond >= 0) {
                Histogram interval = perSecond.getIntervalHistogram();
                completedPerSecond[lastSecond] = interval.getTotalCount();
                p99PerSecond[lastSecond] = interval.getValueAtPercentile(99);
            }
            lastSecond = second;
            final long dueAt = due;
            due += intervalNanos;
            sequence++;
            if (inFlight.get() >= maxInFlight) {
                dropped.incrementAndGet();
                continue;
            }
            inFlight.incrementAndGet();
            request.apply(sequence).onComplete(outcome -> {
                inFlight.decrementAndGet();
                long micros = (System.nanoTime() - dueAt) / 1000;
                recorder.recordValue(Math.min(micros, TimeUnit.SECONDS.toMicros(60)));
                perSecond.recordValue(Math.min(micros, TimeUnit.SECONDS.toMicros(60)));
                int status = outcome.succeeded() ? outcome.result() : -1;
                statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                if (outcome.succeeded() && isOk.test(status)) {
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
            });
        }
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (inFlight.get() > 0 && System.nanoTime() < waitUntil) {
            LockSupport.parkNanos(1_000_000);
        }
        if (lastSecond >= 0) {
            Histogram interval = perSecond.getIntervalHistogram();
            completedPerSecond[lastSecond] += interval.getTotalCount();
            p99PerSecond[lastSecond] = Math.max(p99PerSecond[lastSecond], interval.getValueAtPercentile(99));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        total.add(recorder.getIntervalHistogram());
        Map<Integer, Long> statusCounts = new TreeMap<>();
        statuses.forEach((k, v) -> statusCounts.put(k, v.get()));
        long[] completed = java.util.Arrays.copyOf(completedPerSecond, seconds);
        long[] p99 = java.util.Arrays.copyOf(p99PerSecond, seconds);
        return new Result(ratePerSecond, ok.get() / Math.max(elapsed, seconds), sequence, ok.get(), failed.get(), dropped.get(),
                total, statusCounts, completed, p99);
    }

    /** One line of a results table: rate, achieved, p50/p99/p999/max in ms, errors. */
    public static String row(String label, Result r) {
        Histogram h = r.latency();
        return String.format(java.util.Locale.ROOT, "| %s | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f | %d | %d | %s |",
                label, r.targetRate(), r.achievedRate(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0,
                r.failed(), r.dropped(), r.statuses());
    }

    public static String header() {
        return "| run | target/s | achieved/s | p50 ms | p99 ms | p99.9 ms | max ms | failed | not sent (in-flight cap) | statuses |\n"
                + "|---|---|---|---|---|---|---|---|---|---|";
    }
}
