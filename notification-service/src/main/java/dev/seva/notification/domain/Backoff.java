package dev.seva.notification.domain;

import java.time.Duration;
import java.util.Optional;

/**
 * Exponential backoff with "equal jitter": before attempt n (n ≥ 2) wait between half and all of
 * {@code min(max, initial × 2^(n-2))}, so that instances retrying together spread out while each
 * still backs off. Bounded twice: at most {@code maxAttempts} attempts, and no attempt starts later than
 * {@code maxTotal} after the first.
 */
public record Backoff(int maxAttempts, Duration initial, Duration max, Duration maxTotal) {

    public Backoff {
        if (maxAttempts < 1 || initial.isNegative() || max.compareTo(initial) < 0 || maxTotal.isNegative()) {
            throw new IllegalArgumentException("Backoff needs maxAttempts >= 1 and 0 <= initial <= max");
        }
    }

    /**
     * The wait before attempt {@code nextAttempt}, or empty when that attempt must not happen.
     *
     * @param elapsed time since the first attempt started
     * @param random  a number in [0, 1)
     */
    public Optional<Duration> before(int nextAttempt, Duration elapsed, double random) {
        if (nextAttempt > maxAttempts) {
            return Optional.empty();
        }
        int doublings = Math.min(Math.max(0, nextAttempt - 2), 30);
        long cap = Math.min(max.toMillis(), initial.toMillis() << doublings);
        long wait = cap / 2 + (long) (random * (cap - cap / 2));
        if (elapsed.plusMillis(wait).compareTo(maxTotal) > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(wait));
    }
}
