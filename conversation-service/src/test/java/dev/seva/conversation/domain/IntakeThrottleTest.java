package dev.seva.conversation.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeThrottleTest {

    static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    IntakeThrottle throttle = new IntakeThrottle(15, Duration.ofSeconds(2), Duration.ofSeconds(10), 1000);

    @Test
    void aFloodOf300GetsOneSlowDownAndTheRestIsDropped() {
        // Tried: 300 messages from one number within 3 s (one per 10 ms).
        List<IntakeThrottle.Decision> decisions = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            decisions.add(throttle.admit("flooder", T0.plusMillis(10L * i)));
        }
        assertThat(decisions.stream().filter(d -> d == IntakeThrottle.Decision.ADMIT)).hasSize(15);
        assertThat(decisions.stream().filter(d -> d == IntakeThrottle.Decision.SLOW_DOWN)).hasSize(1);
        assertThat(decisions.get(15)).isEqualTo(IntakeThrottle.Decision.SLOW_DOWN);
        // Another citizen in the middle of the flood is not touched.
        assertThat(throttle.admit("someone-else", T0.plusMillis(1500))).isEqualTo(IntakeThrottle.Decision.ADMIT);
        // Still dropped while the flood goes on; admitted again after 10 s of quiet.
        assertThat(throttle.admit("flooder", T0.plusMillis(3000 + 9_000))).isEqualTo(IntakeThrottle.Decision.DROP);
        assertThat(throttle.admit("flooder", T0.plusMillis(12_000 + 10_000))).isEqualTo(IntakeThrottle.Decision.ADMIT);
    }

    @Test
    void aCitizenWaitingForEachReplyIsNeverThrottled() {
        // Tried: 200 messages, one every 200 ms (a fast scripted citizen waiting for each reply).
        for (int i = 0; i < 200; i++) {
            assertThat(throttle.admit("quick", T0.plusMillis(200L * i))).isEqualTo(IntakeThrottle.Decision.ADMIT);
        }
    }

    @Test
    void sendersAreBounded() {
        IntakeThrottle small = new IntakeThrottle(1, Duration.ofSeconds(2), Duration.ofSeconds(10), 2);
        small.admit("a", T0);
        assertThat(small.admit("a", T0.plusMillis(1))).isEqualTo(IntakeThrottle.Decision.SLOW_DOWN);
        small.admit("b", T0);
        small.admit("c", T0); // "a" is forgotten: bounded memory, at worst one more reply
        assertThat(small.admit("a", T0.plusMillis(2))).isEqualTo(IntakeThrottle.Decision.ADMIT);
    }
}
