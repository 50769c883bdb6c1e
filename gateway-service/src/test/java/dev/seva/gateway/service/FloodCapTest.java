package dev.seva.gateway.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The token bucket alone, on a clock the test moves. No Quarkus. */
class FloodCapTest {

    static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void aBurstIsCappedAtTheBucketAndRefillsAtTheRate() {
        FloodCap cap = new FloodCap(30, Duration.ofSeconds(10), 30, 1000);
        long t = 1_000 * SECOND;
        int allowed = 0;
        for (int i = 0; i < 300; i++) {
            allowed += cap.take("919876543210", t) == FloodCap.Decision.ALLOW ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(30);
        // 30 per 10 s is 3 a second: one second later, three more.
        allowed = 0;
        for (int i = 0; i < 10; i++) {
            allowed += cap.take("919876543210", t + SECOND) == FloodCap.Decision.ALLOW ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(3);
        // Another sender is untouched by the first one's flood.
        assertThat(cap.take("919848022338", t + SECOND)).isEqualTo(FloodCap.Decision.ALLOW);
        // A long quiet period refills to the burst, not beyond.
        allowed = 0;
        for (int i = 0; i < 100; i++) {
            allowed += cap.take("919876543210", t + 1000 * SECOND) == FloodCap.Decision.ALLOW ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(30);
    }

    @Test
    void aThrottledSenderIsLoggedOncePerPeriod() {
        FloodCap cap = new FloodCap(1, Duration.ofSeconds(10), 1, 1000);
        long t = 1_000 * SECOND;
        assertThat(cap.take("a", t)).isEqualTo(FloodCap.Decision.ALLOW);
        assertThat(cap.take("a", t)).isEqualTo(FloodCap.Decision.THROTTLE_AND_LOG);
        assertThat(cap.take("a", t + SECOND)).isEqualTo(FloodCap.Decision.THROTTLE);
        assertThat(cap.take("a", t + 5 * SECOND)).isEqualTo(FloodCap.Decision.THROTTLE);
        // Tried: throttled again after the period (the refilled token taken first).
        assertThat(cap.take("a", t + 10 * SECOND)).isEqualTo(FloodCap.Decision.ALLOW);
        assertThat(cap.take("a", t + 10 * SECOND)).isEqualTo(FloodCap.Decision.THROTTLE_AND_LOG);
    }

    @Test
    void rememberedSendersAreBoundedLeastRecentlySeenFirst() {
        FloodCap cap = new FloodCap(30, Duration.ofSeconds(10), 30, 3);
        for (int i = 0; i < 1000; i++) {
            cap.take("sender-" + i, i);
        }
        assertThat(cap.senders()).isEqualTo(3);
    }

    @Test
    void theLogIdIsStableAndIsNotTheNumber() {
        FloodCap cap = new FloodCap(30, Duration.ofSeconds(10), 30, 3);
        String id = cap.logId("919876543210");
        assertThat(id).isEqualTo(cap.logId("919876543210")).isNotEqualTo(cap.logId("919848022338"))
                .matches("sender-[0-9a-f]{12}");
        // A second process (another key) cannot be matched against this one's lines, nor brute-forced offline.
        assertThat(new FloodCap(30, Duration.ofSeconds(10), 30, 3).logId("919876543210")).isNotEqualTo(id);
    }
}
