package dev.seva.privacy.hsm;

import dev.seva.privacy.vault.CitizenKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CitizenKeyTest {

    @Test
    void sealedValuesOpenOnlyWithTheCitizensKey() {
        byte[] material = new byte[32];
        material[0] = 7;
        CitizenKey key = new CitizenKey("cit_a", "k1", material);
        String sealed = key.seal("Ravi Kumar");
        assertThat(sealed).startsWith("sealed:v1:k1:").doesNotContain("Ravi");
        assertThat(key.open(sealed)).isEqualTo("Ravi Kumar");
        assertThat(key.open("not sealed")).isEqualTo("not sealed");
        // Tried: the same key material under another citizen (a value moved between citizens).
        assertThatThrownBy(() -> new CitizenKey("cit_b", "k1", material).open(sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new CitizenKey("cit_a", "k2", material).open(sealed)).isInstanceOf(IllegalArgumentException.class);
    }
}
