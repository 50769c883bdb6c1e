package dev.seva.vault.domain;

import dev.seva.privacy.aadhaar.Verhoeff;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestsTest {

    static final String VALID = "23456789012" + Verhoeff.checkDigit("23456789012");

    @Test
    void anAadhaarNumberIsTwelveDigitsStartingTwoToNineWithItsCheckDigit() {
        // Tried: the number plain, grouped by spaces and hyphens, mixed grouping, a wrong check digit, 0/1 first, 11 digits, letters.
        assertThat(Requests.aadhaarDigits(VALID)).isEqualTo(VALID);
        assertThat(Requests.aadhaarDigits(VALID.substring(0, 4) + " " + VALID.substring(4, 8) + " " + VALID.substring(8))).isEqualTo(VALID);
        assertThat(Requests.aadhaarDigits(VALID.substring(0, 4) + "-" + VALID.substring(4, 8) + "-" + VALID.substring(8))).isEqualTo(VALID);
        char wrong = (char) ('0' + (VALID.charAt(11) - '0' + 1) % 10);
        for (String invalid : new String[]{VALID.substring(0, 11) + wrong, "1" + VALID.substring(1), VALID.substring(1),
                VALID.substring(0, 4) + " " + VALID.substring(4, 8) + "-" + VALID.substring(8), "2345678901ab", null, " "}) {
            assertThatThrownBy(() -> Requests.aadhaarDigits(invalid)).isInstanceOf(VaultRefusal.Invalid.class)
                    .satisfies(e -> assertThat(((VaultRefusal.Invalid) e).errors().get(0).field()).isEqualTo("number"))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(VALID.substring(4)));
        }
    }

    @Test
    void citizenReferencesAndRevealReasonsAreChecked() {
        // Tried: a contract citizenRef, a phone number, an empty purpose, a multi-line actor, an over-long purpose.
        assertThat(Requests.citizenRef("citizenRef", "cit_7QbX2mK9pL4sT8vW1yZ3")).isEqualTo("cit_7QbX2mK9pL4sT8vW1yZ3");
        assertThatThrownBy(() -> Requests.citizenRef("citizenRef", "919876543210")).isInstanceOf(VaultRefusal.Invalid.class);
        assertThat(Requests.reason("purpose", "  court order 17/2026 ")).isEqualTo("court order 17/2026");
        assertThatThrownBy(() -> Requests.reason("purpose", "")).isInstanceOf(VaultRefusal.Invalid.class);
        assertThatThrownBy(() -> Requests.reason("actor", "officer\nforged line")).isInstanceOf(VaultRefusal.Invalid.class);
        assertThatThrownBy(() -> Requests.reason("purpose", "x".repeat(201))).isInstanceOf(VaultRefusal.Invalid.class);
    }

    @Test
    void tokensHaveTheirFormAndAreNotRepeated() {
        // Tried: a thousand new tokens.
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = Tokens.newToken();
            assertThat(Tokens.isToken(token)).isTrue();
            assertThat(seen.add(token)).isTrue();
        }
        assertThat(Tokens.isToken("aad_short")).isFalse();
        assertThat(Tokens.isToken("aad_" + "a".repeat(31) + "/")).isFalse();
    }
}
