package dev.seva.payment.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefundKeysTest {

    @Test
    void keyIsStablePerPaymentAndWhatRazorpayAccepts() {
        assertThat(RefundKeys.of("pay_Nx9t4NiS3dE4fG")).isEqualTo("seva-refund-pay_Nx9t4NiS3dE4fG").isEqualTo(RefundKeys.of("pay_Nx9t4NiS3dE4fG"));
        assertThat(RefundKeys.of("pay_A")).isNotEqualTo(RefundKeys.of("pay_B"));
        String odd = RefundKeys.of("pay/with spaces+and:more");
        assertThat(odd).matches(RefundKeys.VALID_KEY.pattern()).isEqualTo(RefundKeys.of("pay/with spaces+and:more"));
        assertThat(RefundKeys.of("p")).matches(RefundKeys.VALID_KEY.pattern());
    }

    @Test
    void rupeesHaveTwoDecimals() {
        assertThat(Rupees.of(4500)).isEqualTo("45.00");
        assertThat(Rupees.of(5)).isEqualTo("0.05");
        assertThat(Rupees.of(-12345)).isEqualTo("-123.45");
        assertThat(Rupees.of(50_000_000)).isEqualTo("500000.00");
    }
}
