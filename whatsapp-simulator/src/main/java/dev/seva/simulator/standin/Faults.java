package dev.seva.simulator.standin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** The faults in force: latency, error bursts and rates, per-recipient refusals. Thread-safe. */
public final class Faults {

    private int latencyMs;
    private int latencyJitterMs;
    private double errorRate;
    private int errorCode = 131000;
    private long rateLimitedUntil;
    private long serverErrorsUntil;
    private int serverErrorStatus = 500;
    private final ArrayDeque<Integer> failNext = new ArrayDeque<>();
    private final Map<String, Integer> recipientErrors = new HashMap<>();
    private final Set<String> undeliverable = new HashSet<>();
    private final Set<String> closedWindows = new HashSet<>();

    Faults(FaultSettings initial) {
        apply(initial);
    }

    /** Changes the faults named in {@code settings}; the others stay as they are. */
    public synchronized void apply(FaultSettings s) {
        long now = System.nanoTime();
        if (s.latencyMs() != null) {
            latencyMs = Math.max(0, s.latencyMs());
        }
        if (s.latencyJitterMs() != null) {
            latencyJitterMs = Math.max(0, s.latencyJitterMs());
        }
        if (s.errorRate() != null) {
            errorRate = Math.min(1, Math.max(0, s.errorRate()));
        }
        if (s.errorCode() != null) {
            errorCode = s.errorCode();
        }
        if (s.rateLimitForSeconds() != null) {
            rateLimitedUntil = now + TimeUnit.SECONDS.toNanos(Math.max(0, s.rateLimitForSeconds()));
        }
        if (s.serverErrorStatus() != null) {
            serverErrorStatus = s.serverErrorStatus() == 503 ? 503 : 500;
        }
        if (s.serverErrorsForSeconds() != null) {
            serverErrorsUntil = now + TimeUnit.SECONDS.toNanos(Math.max(0, s.serverErrorsForSeconds()));
        }
        if (s.failNext() != null) {
            for (FaultSettings.FailNext f : s.failNext()) {
                for (int i = 0; i < f.count(); i++) {
                    failNext.add(f.code());
                }
            }
        }
        if (s.recipientErrors() != null) {
            recipientErrors.putAll(s.recipientErrors());
        }
        if (s.undeliverable() != null) {
            undeliverable.addAll(s.undeliverable());
        }
        if (s.closedWindows() != null) {
            closedWindows.addAll(s.closedWindows());
        }
    }

    public synchronized void reset() {
        latencyMs = 0;
        latencyJitterMs = 0;
        errorRate = 0;
        errorCode = 131000;
        rateLimitedUntil = 0;
        serverErrorsUntil = 0;
        serverErrorStatus = 500;
        failNext.clear();
        recipientErrors.clear();
        undeliverable.clear();
        closedWindows.clear();
    }

    /** What is in force now (remaining seconds of timed faults, rounded up). */
    public synchronized FaultSettings current() {
        long now = System.nanoTime();
        List<FaultSettings.FailNext> pending = new ArrayList<>();
        for (Integer code : failNext) {
            if (!pending.isEmpty() && pending.get(pending.size() - 1).code() == code) {
                FaultSettings.FailNext last = pending.remove(pending.size() - 1);
                pending.add(new FaultSettings.FailNext(last.count() + 1, code));
            } else {
                pending.add(new FaultSettings.FailNext(1, code));
            }
        }
        return new FaultSettings(latencyMs, latencyJitterMs, errorRate, errorCode, remainingSeconds(rateLimitedUntil, now),
                remainingSeconds(serverErrorsUntil, now), serverErrorStatus, pending, Map.copyOf(recipientErrors),
                Set.copyOf(undeliverable), Set.copyOf(closedWindows));
    }

    /** The error injected into this call, if any: queued failures first, then the timed bursts, then the random rate. */
    synchronized GraphError injectedError(boolean isSend) {
        long now = System.nanoTime();
        Integer queued = failNext.poll();
        if (queued != null) {
            return GraphError.of(queued);
        }
        if (now < serverErrorsUntil) {
            return GraphError.of(serverErrorStatus == 503 ? 2 : 131000);
        }
        if (isSend && now < rateLimitedUntil) {
            return GraphError.of(130429);
        }
        if (errorRate > 0 && ThreadLocalRandom.current().nextDouble() < errorRate) {
            return GraphError.of(errorCode);
        }
        return null;
    }

    synchronized GraphError recipientError(String recipient) {
        Integer code = recipientErrors.get(recipient);
        return code == null ? null : GraphError.of(code);
    }

    synchronized boolean undeliverable(String recipient) {
        return undeliverable.contains(recipient);
    }

    synchronized boolean windowClosed(String recipient) {
        return closedWindows.contains(recipient);
    }

    synchronized long latencyMillis() {
        return latencyMs + (latencyJitterMs == 0 ? 0 : ThreadLocalRandom.current().nextInt(latencyJitterMs + 1));
    }

    private static int remainingSeconds(long until, long now) {
        return until <= now ? 0 : (int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(until - now + 999_999_999L));
    }
}
