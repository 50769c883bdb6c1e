package dev.seva.vault.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The vault does not start without its token, and says why (never with the PIN). */
class HsmTokenProducerTest {

    @Test
    void aMissingHsmLibraryStopsTheStartWithAClearMessage() {
        // Tried: VAULT_PKCS11_LIBRARY naming a library that is not there.
        assertThatThrownBy(() -> new HsmTokenProducer().token(config(Optional.of("/nonexistent/libhsm.so"), "secret-pin-1234", Optional.empty())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vault-service cannot start")
                .hasMessageContaining("/nonexistent/libhsm.so")
                .hasMessageNotContaining("secret-pin-1234");
    }

    @Test
    void softHsmWithoutItsSoPinStopsTheStart() {
        // Tried: SoftHSM2 provisioning without VAULT_HSM_SO_PIN. (Not tried here: a wrong PIN on a new token.
        // SoftHSM2 reads its token list when the library first loads in a JVM, and the Quarkus tests of this
        // module share the JVM and its token.)
        assertThatThrownBy(() -> new HsmTokenProducer().token(config(Optional.empty(), "pin-a-1234", Optional.empty())))
                .hasMessageContaining("vault-service cannot start")
                .hasMessageContaining("VAULT_HSM_SO_PIN")
                .hasMessageNotContaining("pin-a-1234");
    }

    static VaultConfig config(Optional<String> library, String pin, Optional<String> soPin) {
        return new VaultConfig() {
            public String clients() { return ""; }
            public String kekAlias() { return "kek-1"; }
            public Optional<String> pkcs11Library() { return library; }
            public Optional<Long> pkcs11Slot() { return Optional.empty(); }
            public String hsmPin() { return pin; }
            public Optional<String> hsmSoPin() { return soPin; }
            public String tokenLabel() { return "pin-test-token"; }
            public Duration unboundRetention() { return Duration.ofHours(24); }
            public String purgeEvery() { return "off"; }
            public String rewrapEvery() { return "off"; }
            public int rewrapBatchSize() { return 10; }
        };
    }
}
