package dev.seva.privacy.aadhaar;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AadhaarInTextTest {

    // 2345 6789 0124 is Verhoeff-valid; the same with another last digit is not.
    static final String VALID = "234567890124";

    @Test
    void theCheckDigitDecides() {
        assertThat(Verhoeff.isValid(VALID)).isTrue();
        assertThat(Verhoeff.isValid("234567890125")).isFalse();
        assertThat(Verhoeff.checkDigit("23456789012")).isEqualTo(4);
    }

    @Test
    void validNumbersAreFoundGroupedOrNot() {
        assertThat(AadhaarInText.validNumbers("mine is 2345 6789 0124, and 2345-6789-0124 again, 234567890124"))
                .containsExactly(VALID);
        // Tried: a 13-digit run, a phone number, a near miss.
        assertThat(AadhaarInText.validNumbers("2345678901245 or 9876543210 or 2345 6789 0125")).isEmpty();
    }

    @Test
    void replaceTokenizesValidNumbersAndMasksEveryOther() {
        String out = AadhaarInText.replace("A 2345 6789 0124 B 2345 6789 0125",
                Map.of(VALID, new AadhaarInText.Token("aad_x", "XXXX XXXX 0124")));
        assertThat(out).isEqualTo("A [Aadhaar XXXX XXXX 0124, aad_x] B [Aadhaar XXXX XXXX 0125]");
        // A valid number whose token is missing is masked, never left in clear.
        assertThat(AadhaarInText.replace("n " + VALID, Map.of())).isEqualTo("n [Aadhaar XXXX XXXX 0124]");
    }

    @Test
    void redactRemovesEveryCandidate() {
        assertThat(AadhaarInText.redact("income certificate 2345 6789 0124")).isEqualTo("income certificate");
        assertThat(AadhaarInText.containsCandidate("bus pass")).isFalse();
        assertThat(AadhaarInText.containsCandidate("x 2345 6789 0125")).isTrue();
    }
}
