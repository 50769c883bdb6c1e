package dev.seva.privacy.hsm;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real SoftHSM2 token (surefire sets SOFTHSM2_CONF to this module's target directory). */
class Pkcs11TokenTest {

    static Pkcs11Token token;

    @BeforeAll
    static void openToken() {
        token = SoftHsm.token("privacy-test", "1111", "2222");
    }

    @Test
    void aKeyMadeInTheTokenEncryptsAndDecryptsAndNeverLeavesIt() {
        SecretKey key = token.aesKey("kek-test-1");
        // Sensitive and not extractable: the provider has no key material to give.
        assertThat(key.getEncoded()).isNull();
        byte[] sealed = token.encrypt("kek-test-1", "a data key".getBytes(StandardCharsets.UTF_8), "record-1".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(token.decrypt("kek-test-1", sealed, "record-1".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                .isEqualTo("a data key");
        // Tried: the same ciphertext under another record's associated data.
        assertThatThrownBy(() -> token.decrypt("kek-test-1", sealed, "record-2".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theKeyIsATokenObjectFoundAgainAfterReopening() {
        token.aesKey("kek-test-2");
        byte[] sealed = token.encrypt("kek-test-2", new byte[] {1, 2, 3}, null);
        Pkcs11Token again = SoftHsm.token("privacy-test", "1111", "2222");
        assertThat(again.hasKey("kek-test-2")).isTrue();
        assertThat(again.decrypt("kek-test-2", sealed, null)).containsExactly(1, 2, 3);
    }

    @Test
    void anUnknownKeyIsAClearError() {
        assertThatThrownBy(() -> token.encrypt("no-such-key", new byte[] {1}, null))
                .hasMessageContaining("no-such-key");
    }
}
