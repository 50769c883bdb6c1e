package dev.seva.notification.service;

import io.smallrye.mutiny.Uni;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs work for many keys at once and for one key one at a time, in submission order: one citizen's
 * messages leave in the order conversation-service wrote them while thousands of citizens are served
 * together. At most {@code maxInFlight} pieces of work are admitted; {@link #submit} completes when its
 * work is admitted (not done), so the Kafka consumer stops fetching while the lanes are full.
 */
public final class KeyedLanes {

    private final int maxInFlight;
    private final Map<String, CompletableFuture<Void>> tails = new HashMap<>();
    private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private int inFlight;

    public KeyedLanes(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1");
        }
        this.maxInFlight = maxInFlight;
    }

    /** Queues the work behind earlier work of the same key; the Uni completes once it is admitted. */
    public Uni<Void> submit(String key, Supplier<Uni<Void>> work) {
        return Uni.createFrom().completionStage(this::admission).invoke(() -> start(key, work));
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    private synchronized CompletableFuture<Void> admission() {
        if (inFlight < maxInFlight) {
            inFlight++;
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> admitted = new CompletableFuture<>();
        waiting.add(admitted);
        return admitted;
    }

    private void start(String key, Supplier<Uni<Void>> work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous;
        synchronized (this) {
            previous = tails.put(key, done);
        }
        Runnable run = () -> {
            Uni<Void> uni;
            try {
                uni = work.get();
            } catch (RuntimeException e) {
                finish(key, done);
                return;
            }
            uni.subscribe().with(ignored -> finish(key, done), failure -> finish(key, done));
        };
        if (previous == null) {
            run.run();
        } else {
            previous.whenComplete((v, e) -> run.run());
        }
    }

    private void finish(String key, CompletableFuture<Void> done) {
        CompletableFuture<Void> next;
        synchronized (this) {
            tails.remove(key, done);
            next = waiting.poll();
            if (next == null) {
                inFlight--;
            }
        }
        done.complete(null);
        if (next != null) {
            next.complete(null);
        }
    }
}
