package dev.seva.desk.domain;

import dev.seva.privacy.vault.CitizenKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CitizenSealTest {

    private final CitizenSeal seal = CitizenSeal.of(new CitizenKey("cit_A", "ck-1", new byte[32]));

    @Test
    void sealsForStorageAndOpensBothSealedAndOlderClearValues() {
        // Tried: a value sealed and opened; a value stored before sealing began; null.
        String stored = seal.seal("{\"studentName\":\"Ravi\"}");
        assertThat(stored).startsWith("sealed:v1:ck-1:").doesNotContain("Ravi");
        assertThat(seal.open(stored)).isEqualTo("{\"studentName\":\"Ravi\"}");
        assertThat(seal.open("{\"note\":\"old\"}")).isEqualTo("{\"note\":\"old\"}");
        assertThat(seal.seal(null)).isNull();
        assertThat(seal.erased()).isFalse();
    }

    @Test
    void anErasedCitizenOpensToNothingAndNothingIsSealedForThem() {
        // Tried: opening a sealed and a clear value, sealing, and asking for the key itself, once the citizen is erased.
        String stored = seal.seal("Ravi");
        assertThat(CitizenSeal.ERASED.erased()).isTrue();
        assertThat(CitizenSeal.ERASED.open(stored)).isNull();
        assertThat(CitizenSeal.ERASED.open("clear, written before sealing")).isNull();
        assertThatThrownBy(() -> CitizenSeal.ERASED.seal("new text")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(CitizenSeal.ERASED::key).isInstanceOf(IllegalStateException.class);
        assertThat(seal.key().keyId()).isEqualTo("ck-1");
    }
}
