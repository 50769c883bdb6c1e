package dev.seva.notification.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    final Backoff backoff = new Backoff(5, Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(10));

    @Test
    void doublesTheWaitWithJitterBetweenHalfAndAll() {
        assertThat(backoff.before(2, Duration.ZERO, 0.0)).contains(Duration.ofMillis(250));
        assertThat(backoff.before(2, Duration.ZERO, 0.999)).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofMillis(499), Duration.ofMillis(500)));
        assertThat(backoff.before(3, Duration.ZERO, 0.0)).contains(Duration.ofMillis(500));
        assertThat(backoff.before(4, Duration.ZERO, 0.0)).contains(Duration.ofMillis(1000));
    }

    @Test
    void neverWaitsLongerThanTheMaximum() {
        Backoff long_ = new Backoff(20, Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofHours(1));

        assertThat(long_.before(15, Duration.ZERO, 0.999)).hasValueSatisfying(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(4)));
    }

    @Test
    void stopsAfterTheLastAttempt() {
        assertThat(backoff.before(5, Duration.ZERO, 0.5)).isPresent();
        assertThat(backoff.before(6, Duration.ZERO, 0.5)).isEmpty();
    }

    @Test
    void stopsWhenTheNextAttemptWouldStartTooLate() {
        // before attempt 3 the wait is 750 ms at the middle of the jitter
        assertThat(backoff.before(3, Duration.ofMillis(9_250), 0.5)).isPresent();
        assertThat(backoff.before(3, Duration.ofMillis(9_251), 0.5)).isEmpty();
    }
}
