package dev.seva.benchmarks.payments;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentMixTest {

    @Test
    void carriesTheMixExactlyEveryRound() {
        PaymentMix mix = PaymentMix.parse("success:7,no_webhook:1,duplicate_webhook:1,late_webhook:1", 17);
        List<String> round = draw(mix, 10);
        assertThat(round).filteredOn("success"::equals).hasSize(7);
        assertThat(round).contains("no_webhook", "duplicate_webhook", "late_webhook");
    }

    @Test
    void sameSeedGivesTheSameSequence() {
        String spec = "success:70,no_webhook:10,duplicate_webhook:10,late_webhook:10";
        assertThat(draw(PaymentMix.parse(spec, 5), 250)).isEqualTo(draw(PaymentMix.parse(spec, 5), 250))
                .isNotEqualTo(draw(PaymentMix.parse(spec, 6), 250));
    }

    @Test
    void rejectsAnUnknownOutcomeOrAWeightThatIsNotPositive() {
        assertThatThrownBy(() -> PaymentMix.parse("success:70,lost:30", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no_webhook");
        assertThatThrownBy(() -> PaymentMix.parse("success:0", 1)).hasMessageContaining("positive integer");
    }

    @Test
    void failureAndPendingAreTheOnlyOutcomesThatCaptureNothing() {
        assertThat(PaymentMix.captures("failure")).isFalse();
        assertThat(PaymentMix.captures("pending")).isFalse();
        assertThat(PaymentMix.captures("no_webhook")).isTrue();
        assertThat(PaymentMix.captures("duplicate_webhook")).isTrue();
    }

    private static List<String> draw(PaymentMix mix, int n) {
        List<String> drawn = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            drawn.add(mix.next());
        }
        return drawn;
    }
}
