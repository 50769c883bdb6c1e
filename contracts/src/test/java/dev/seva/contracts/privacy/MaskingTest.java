package dev.seva.contracts.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTest {

    @Test
    void phoneKeepsOnlyCountryCodeAndLastFourDigits() {
        assertThat(Masking.phone("919876543210")).isEqualTo("91******3210").doesNotContain("98765");
        assertThat(Masking.phone(null)).isEqualTo("-");
        assertThat(Masking.phone("12")).doesNotContain("12");
    }

    @Test
    void userIdKeepsCountryPrefixAndLastThree() {
        assertThat(Masking.userId("IN.1357924680135792")).isEqualTo("IN.***792");
    }

    @Test
    void aadhaarIsShownOnlyInUidaiMaskedForm() {
        assertThat(Masking.aadhaar("2345 6789 0123")).isEqualTo("XXXX XXXX 0123");
    }

    @Test
    void namesAndTextsAreNeverShown() {
        assertThat(Masking.name("Lakshmi")).doesNotContain("Lakshmi");
        assertThat(Masking.text("my Aadhaar is 234567890123")).isEqualTo("<26 chars>");
    }
}
