package dev.seva.consumer;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.Objects;

/**
 * The platform's one retry policy for consumed records: a {@link FailureKind#TRANSIENT} or
 * {@link FailureKind#UNEXPECTED} failure is tried again {@code retries} times with a short backoff, an
 * {@link FailureKind#INFRASTRUCTURE} one is waited out with a longer backoff for up to {@code patience}.
 * Every service uses {@link #DEFAULT}; tests use shorter figures.
 *
 * @param retries          tries after the first, for a transient or unexpected failure
 * @param firstBackoff     first pause between those tries (doubling, with jitter)
 * @param maxBackoff       longest pause between those tries
 * @param waitFirstBackoff first pause while the infrastructure is down
 * @param waitMaxBackoff   longest pause while the infrastructure is down
 * @param patience         how long to wait for the infrastructure before failing (the record stays uncommitted)
 */
public record RetryPolicy(int retries, Duration firstBackoff, Duration maxBackoff,
                          Duration waitFirstBackoff, Duration waitMaxBackoff, Duration patience) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(20), Duration.ofMillis(500),
            Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMinutes(30));

    public RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative: " + retries);
        }
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(waitFirstBackoff, "waitFirstBackoff");
        Objects.requireNonNull(waitMaxBackoff, "waitMaxBackoff");
        Objects.requireNonNull(patience, "patience");
    }

    /** Tries a transient or unexpected failure again, {@link #retries} times; other failures pass at once. Use with {@code Uni.plug}. */
    public <T> Uni<T> retryBriefly(Uni<T> work) {
        if (retries == 0) {
            return work;
        }
        return work.onFailure(f -> FailureKind.of(f).isRetried()).retry()
                .withBackOff(firstBackoff, maxBackoff).atMost(retries);
    }

    /** Re-subscribes while the failure is an infrastructure one, for up to {@link #patience}; other failures pass at once. Use with {@code Uni.plug}. */
    public <T> Uni<T> retryWhileDown(Uni<T> work) {
        return work.onFailure(f -> FailureKind.of(f) == FailureKind.INFRASTRUCTURE).retry()
                .withBackOff(waitFirstBackoff, waitMaxBackoff)
                .expireIn(patience.toMillis());
    }
}
