package dev.seva.notification.service;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs work for many keys at once and for one key one at a time, in submission order: one citizen's
 * messages leave in the order conversation-service wrote them while thousands of citizens are served
 * together.
 *
 * <p>Three bounds, so that one citizen's flood delays nobody else:
 * <ul>
 * <li>{@code maxInFlight} permits for work that is <em>running</em>. A key holds at most one (its lane runs
 *     one piece at a time); work queued behind it holds none, and neither does the head of a lane while it
 *     waits out its {@code delay} (the citizen's pacing, see {@link #submit(String, Supplier, Supplier, Supplier)}).</li>
 * <li>{@code maxQueuedPerKey}: a key with that many pieces waiting or running gets no more; the new piece's
 *     {@code overflow} runs instead, at once, outside the lane (notification-service dead-letters it).</li>
 * <li>{@code maxQueued} pieces admitted over all keys (memory); {@link #submit} completes when its piece is
 *     admitted (not done), so the Kafka consumer stops fetching only when that many are waiting.</li>
 * </ul>
 */
public final class KeyedLanes {

    private final int maxInFlight;
    private final int maxQueued;
    private final int maxQueuedPerKey;
    private final Map<String, ArrayDeque<Item>> lanes = new HashMap<>();
    private final ArrayDeque<CompletableFuture<Void>> waitingForRoom = new ArrayDeque<>();
    private final ArrayDeque<Runnable> waitingForPermit = new ArrayDeque<>();
    private int running;
    private int queued;

    private record Item(Supplier<Duration> delay, Supplier<Uni<Void>> work) {
    }

    /** At most {@code maxAdmitted} pieces admitted, waiting or running; no per-key bound, no delays. */
    public KeyedLanes(int maxAdmitted) {
        this(maxAdmitted, maxAdmitted, Integer.MAX_VALUE);
    }

    public KeyedLanes(int maxInFlight, int maxQueued, int maxQueuedPerKey) {
        if (maxInFlight < 1 || maxQueued < 1 || maxQueuedPerKey < 1) {
            throw new IllegalArgumentException("maxInFlight, maxQueued and maxQueuedPerKey must be at least 1");
        }
        this.maxInFlight = maxInFlight;
        this.maxQueued = maxQueued;
        this.maxQueuedPerKey = maxQueuedPerKey;
    }

    /** Queues the work behind earlier work of the same key; the Uni completes once it is admitted. */
    public Uni<Void> submit(String key, Supplier<Uni<Void>> work) {
        return submit(key, () -> Duration.ZERO, work, work);
    }

    /**
     * Queues the work behind earlier work of the same key. When the work reaches the head of its lane,
     * {@code delay} is asked how long to wait first (pacing), and the lane waits that long holding no permit;
     * then the work runs with one. When the key already has {@code maxQueuedPerKey} pieces, {@code overflow}
     * runs instead, at once. The Uni completes once the piece is admitted.
     */
    public Uni<Void> submit(String key, Supplier<Duration> delay, Supplier<Uni<Void>> work, Supplier<Uni<Void>> overflow) {
        return Uni.createFrom().completionStage(this::room).invoke(() -> enqueue(key, new Item(delay, work), overflow));
    }

    /** Work running now (holding a permit). */
    public synchronized int inFlight() {
        return running;
    }

    /** Work admitted: running, waiting for its key's turn, its pacing or a permit. */
    public synchronized int queued() {
        return queued;
    }

    private synchronized CompletableFuture<Void> room() {
        if (queued < maxQueued) {
            queued++;
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> admitted = new CompletableFuture<>();
        waitingForRoom.add(admitted);
        return admitted;
    }

    private void enqueue(String key, Item item, Supplier<Uni<Void>> overflow) {
        boolean full;
        boolean head = false;
        synchronized (this) {
            ArrayDeque<Item> lane = lanes.computeIfAbsent(key, k -> new ArrayDeque<>());
            full = lane.size() >= maxQueuedPerKey;
            if (!full) {
                lane.add(item);
                head = lane.size() == 1;
            }
        }
        if (full) {
            runOutsideLanes(overflow);
        } else if (head) {
            startHead(key, item);
        }
    }

    /** The overflow piece: no lane, no permit; it frees its room when done. */
    private void runOutsideLanes(Supplier<Uni<Void>> overflow) {
        Uni<Void> uni;
        try {
            uni = overflow.get();
        } catch (RuntimeException e) {
            releaseRoom();
            return;
        }
        uni.subscribe().with(ignored -> releaseRoom(), failure -> releaseRoom());
    }

    private void startHead(String key, Item item) {
        Duration wait;
        try {
            wait = item.delay().get();
        } catch (RuntimeException e) {
            wait = Duration.ZERO;
        }
        if (wait.isZero() || wait.isNegative()) {
            withPermit(key, item);
        } else {
            // A timer, not a permit: the paced citizen's lane waits, everyone else's work goes on.
            Uni.createFrom().voidItem().onItem().delayIt().by(wait).subscribe().with(ignored -> withPermit(key, item));
        }
    }

    private void withPermit(String key, Item item) {
        synchronized (this) {
            if (running >= maxInFlight) {
                waitingForPermit.add(() -> run(key, item));
                return;
            }
            running++;
        }
        run(key, item);
    }

    private void run(String key, Item item) {
        Uni<Void> uni;
        try {
            uni = item.work().get();
        } catch (RuntimeException e) {
            finish(key);
            return;
        }
        uni.subscribe().with(ignored -> finish(key), failure -> finish(key));
    }

    private void finish(String key) {
        Runnable nextWithPermit;
        Item nextInLane;
        synchronized (this) {
            ArrayDeque<Item> lane = lanes.get(key);
            lane.poll();
            nextInLane = lane.peek();
            if (nextInLane == null) {
                lanes.remove(key);
            }
            // The permit passes to the longest-waiting piece, or is given back.
            nextWithPermit = waitingForPermit.poll();
            if (nextWithPermit == null) {
                running--;
            }
        }
        releaseRoom();
        if (nextWithPermit != null) {
            nextWithPermit.run();
        }
        if (nextInLane != null) {
            startHead(key, nextInLane);
        }
    }

    private void releaseRoom() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = waitingForRoom.poll();
            if (next == null) {
                queued--;
            }
        }
        if (next != null) {
            next.complete(null);
        }
    }
}
