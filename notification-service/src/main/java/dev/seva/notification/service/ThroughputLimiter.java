package dev.seva.notification.service;

import dev.seva.notification.config.NotificationConfig;
import dev.seva.notification.persistence.SendSlots;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The throughput limit of each business number (Meta: 80 messages/s by default, up to 1,000), correct
 * with any number of threads and instances. The number's send slots, 1/rate apart, are booked in
 * PostgreSQL ({@code reserve_send_slots}: one row per number, under the row lock, on the database's
 * clock), so no two sends anywhere share a slot. An instance books a block of upcoming slots at a time
 * (at least {@code lease} worth of the rate, at most {@code horizon} ahead) and releases each waiting
 * message at its slot; a slot left unused for {@code slotTolerance} past its time is dropped, never
 * saved up. Over any window W all instances together send at most
 * {@code rate × (W + slotTolerance) + rate × burst + 1}. Slow database answers delay bookings but
 * cost no capacity: slots are positions in time, not tokens that overflow a bucket.
 */
@ApplicationScoped
public class ThroughputLimiter {

    private static final Logger LOG = Logger.getLogger(ThroughputLimiter.class);
    /** A slot this close ahead is due now (timers have millisecond resolution). */
    private static final long DUE_WITHIN_NANOS = 500_000;

    private final SendSlots slots;
    private final Vertx vertx;
    private final NotificationConfig.Throughput config;
    private final Map<String, NumberSlots> numbers = new ConcurrentHashMap<>();

    public ThroughputLimiter(SendSlots slots, Vertx vertx, NotificationConfig config) {
        this.slots = slots;
        this.vertx = vertx;
        this.config = config.throughput();
    }

    /** Completes when a message may be sent from this business number (at its slot). */
    public Uni<Void> acquire(String phoneNumberId) {
        return Uni.createFrom().completionStage(() -> numbers.computeIfAbsent(phoneNumberId, NumberSlots::new).acquire());
    }

    /** Messages per second allowed for this number. */
    public int ratePerSecond(String phoneNumberId) {
        return config.perPhoneNumber().getOrDefault(phoneNumberId, config.perSecond());
    }

    /** This instance's booked slots of one business number (local nanoTime, ascending) and the messages waiting for one. */
    private final class NumberSlots {
        private final String phoneNumberId;
        private final double rate;
        private final long intervalNanos;
        private final int lease;
        private final int mostAhead;
        private final long toleranceNanos;
        private final ArrayDeque<Long> booked = new ArrayDeque<>();
        private final ArrayDeque<CompletableFuture<Void>> waiters = new ArrayDeque<>();
        private boolean booking;
        private long timerDue = Long.MAX_VALUE;

        NumberSlots(String phoneNumberId) {
            this.phoneNumberId = phoneNumberId;
            this.rate = ratePerSecond(phoneNumberId);
            this.intervalNanos = (long) (1e9 / rate);
            this.lease = (int) Math.max(1, Math.ceil(rate * config.lease().toNanos() / 1e9));
            this.mostAhead = (int) Math.max(lease, Math.ceil(rate * config.horizon().toNanos() / 1e9));
            this.toleranceNanos = config.slotTolerance().toNanos();
        }

        CompletableFuture<Void> acquire() {
            CompletableFuture<Void> waiter = new CompletableFuture<>();
            synchronized (this) {
                waiters.add(waiter);
            }
            release();
            return waiter;
        }

        /** Hands due slots to waiters (oldest first), arms a timer for the next slot, books more slots when waiters lack them. */
        private void release() {
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            int want = 0;
            long timerIn = -1;
            synchronized (this) {
                long now = System.nanoTime();
                while (!booked.isEmpty() && booked.peekFirst() + toleranceNanos < now) {
                    booked.pollFirst(); // missed: dropped, never sent late
                }
                while (!waiters.isEmpty() && !booked.isEmpty() && booked.peekFirst() <= now + DUE_WITHIN_NANOS) {
                    booked.pollFirst();
                    ready.add(waiters.pollFirst());
                }
                if (!waiters.isEmpty() && !booked.isEmpty() && booked.peekFirst() < timerDue) {
                    timerDue = booked.peekFirst();
                    timerIn = Math.max(1, (timerDue - now + 999_999) / 1_000_000);
                }
                if (waiters.size() > booked.size() && !booking) {
                    booking = true;
                    want = Math.min(mostAhead, Math.max(lease, waiters.size() - booked.size()));
                }
            }
            ready.forEach(waiter -> waiter.complete(null));
            if (timerIn > 0) {
                vertx.setTimer(timerIn, t -> {
                    synchronized (this) {
                        timerDue = Long.MAX_VALUE;
                    }
                    release();
                });
            }
            if (want > 0) {
                book(want);
            }
        }

        private void book(int want) {
            slots.reserve(phoneNumberId, rate, config.burst(), config.horizon(), want).subscribe().with(reservation -> {
                long received = System.nanoTime();
                long retryIn = -1;
                synchronized (this) {
                    long first = received + (long) (reservation.firstSlotInSeconds() * 1e9);
                    for (int i = 0; i < reservation.granted(); i++) {
                        // Slots already due (a burst after a quiet time) count from now: never earlier than booked.
                        booked.addLast(Math.max(received, first + i * intervalNanos));
                    }
                    booking = false;
                    if (reservation.granted() == 0) {
                        // Booked out to the horizon: try again when the first free slot comes within it.
                        double beyond = reservation.firstSlotInSeconds() - config.horizon().toNanos() / 1e9;
                        retryIn = Math.max(1, (long) Math.ceil(beyond * 1000));
                    }
                }
                if (retryIn > 0) {
                    vertx.setTimer(retryIn, t -> release());
                } else {
                    release();
                }
            }, failure -> {
                LOG.warnf("Could not book send slots for a business number (%s); retrying", failure.getClass().getSimpleName());
                synchronized (this) {
                    booking = false;
                }
                vertx.setTimer(250, t -> release());
            });
        }
    }
}
