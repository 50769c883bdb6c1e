package dev.seva.notification.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class PairPacerTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final PairPacer pacer = new PairPacer(3, Duration.ofSeconds(6), now::get);

    @Test
    void letsAConversationsBurstGoAtOnce() {
        assertThat(pacer.reserve("919800000001")).isZero();
        assertThat(pacer.reserve("919800000001")).isZero();
        assertThat(pacer.reserve("919800000001")).isZero();
    }

    @Test
    void spacesAFloodToOneCitizenAtOnePerInterval() {
        for (int i = 0; i < 3; i++) {
            pacer.reserve("919800000001");
        }

        assertThat(pacer.reserve("919800000001")).isEqualTo(Duration.ofSeconds(6));
        assertThat(pacer.reserve("919800000001")).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void refillsWhileTheCitizenIsQuiet() {
        for (int i = 0; i < 3; i++) {
            pacer.reserve("919800000001");
        }
        now.addAndGet(Duration.ofSeconds(12).toNanos());

        assertThat(pacer.reserve("919800000001")).isZero();
        assertThat(pacer.reserve("919800000001")).isZero();
        assertThat(pacer.reserve("919800000001")).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void pacesEachCitizenSeparately() {
        for (int i = 0; i < 3; i++) {
            pacer.reserve("919800000001");
        }

        assertThat(pacer.reserve("919800000002")).isZero();
    }

    @Test
    void forgetsQuietCitizensButWalksItsBucketsAtMostEveryThirtySeconds() {
        for (int i = 0; i <= 50_000; i++) {
            pacer.reserve("citizen-" + i);
        }
        now.addAndGet(Duration.ofSeconds(20).toNanos());
        pacer.reserve("citizen-new-1");
        int beforeThirtySeconds = pacer.tracked();
        now.addAndGet(Duration.ofSeconds(11).toNanos());

        pacer.reserve("citizen-new-2");

        assertThat(beforeThirtySeconds).isEqualTo(50_002);
        assertThat(pacer.tracked()).isEqualTo(1);
    }

    @Test
    void aSlotGivenBackIsTheNextMessagesAndNeverAboveTheBurst() {
        // A redelivered command was paced by its lane but not sent: its slot is given back.
        for (int i = 0; i < 3; i++) {
            pacer.reserve("919800000001");
        }
        assertThat(pacer.reserve("919800000001")).isEqualTo(Duration.ofSeconds(6));
        pacer.refund("919800000001");
        assertThat(pacer.reserve("919800000001")).isEqualTo(Duration.ofSeconds(6));
        for (int i = 0; i < 10; i++) {
            pacer.refund("919800000002");
            pacer.refund("919800000001");
        }
        for (int i = 0; i < 3; i++) {
            assertThat(pacer.reserve("919800000001")).isZero();
        }
        assertThat(pacer.reserve("919800000001")).as("refunds stop at the burst").isPositive();
    }
}
