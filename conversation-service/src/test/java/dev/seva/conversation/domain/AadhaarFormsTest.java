package dev.seva.conversation.domain;

import dev.seva.privacy.aadhaar.Verhoeff;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's Aadhaar forms as this service reads them, and the check digit every path relies on. */
class AadhaarFormsTest {

    static final String TOKEN = "aad_AbCdEfGhIjKlMnOpQrStUvWxYz012345";
    static final String FORM = "[Aadhaar XXXX XXXX 6783, " + TOKEN + "]";

    @Test
    void theCheckDigitRefusesEverySingleDigitChange() {
        // Moved from the check of this service's own Verhoeff copy, now the shared one's.
        String valid = "49912345678" + Verhoeff.checkDigit("49912345678");
        assertThat(Verhoeff.isValid(valid)).isTrue();
        for (int position = 0; position < 12; position++) {
            for (int d = 0; d <= 9; d++) {
                if (valid.charAt(position) - '0' != d) {
                    String changed = valid.substring(0, position) + d + valid.substring(position + 1);
                    assertThat(Verhoeff.isValid(changed)).as(changed).isFalse();
                }
            }
        }
    }

    @Test
    void tokenFormsAreFoundOnceEachAndAnAnswerIsOneFormAlone() {
        assertThat(AadhaarForms.tokenForms("mine " + FORM + " and again " + FORM))
                .containsExactly(new AadhaarForms.Found(TOKEN, "XXXX XXXX 6783"));
        assertThat(AadhaarForms.single("  " + FORM + " ")).contains(new AadhaarForms.Found(TOKEN, "XXXX XXXX 6783"));
        assertThat(AadhaarForms.single("mine " + FORM)).isEmpty();
        assertThat(AadhaarForms.isMaskedOnly("[Aadhaar XXXX XXXX 6784]")).isTrue();
        assertThat(AadhaarForms.containsTokenForm("[Aadhaar XXXX XXXX 6784]")).isFalse();
    }

    @Test
    void aTokenTheVaultWouldNotBindIsKeptMaskedOnly() {
        assertThat(AadhaarForms.keepOnly("a " + FORM, Set.of(TOKEN))).isEqualTo("a " + FORM);
        assertThat(AadhaarForms.keepOnly("a " + FORM, Set.of())).isEqualTo("a [Aadhaar XXXX XXXX 6783]");
    }

    @Test
    void theVaultIsNeededOnlyForAValidNumberInClearOrAToken() {
        assertThat(AadhaarForms.needsVault("my number 4991 2345 6783")).isTrue();
        assertThat(AadhaarForms.needsVault("mine " + FORM)).isTrue();
        assertThat(AadhaarForms.needsVault("old card 4991 2345 6784, masked [Aadhaar XXXX XXXX 6784]")).isFalse();
        assertThat(AadhaarForms.masked("old card 4991-2345-6784")).isEqualTo("old card [Aadhaar XXXX XXXX 6784]");
    }

    @Test
    void aSearchLosesEveryFormOfANumber() {
        // Tried: clear (grouped and not), the token form and the masked form, around the words searched for.
        assertThat(AadhaarForms.redact("income " + FORM + " certificate 499123456783 [Aadhaar XXXX XXXX 6784] 4991 2345 6783"))
                .isEqualTo("income certificate");
        assertThat(AadhaarForms.redact(FORM)).isEmpty();
    }
}
