package dev.seva.contracts.catalogue;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Officer-written validation patterns: linear time, length-capped, RE2 syntax. */
class FieldPatternsTest {

    @Test
    void theCataloguesPatternsMatchAsBefore() {
        assertThat(FieldPatterns.matches("^[A-Z]{2}[0-9]{1,2}[A-Z]{0,3}[0-9]{1,4}$", "AP16BZ1234")).isTrue();
        assertThat(FieldPatterns.matches("^[A-Z]{2}[0-9]{1,2}[A-Z]{0,3}[0-9]{1,4}$", "AP16BZ12345")).isFalse();
        assertThat(FieldPatterns.matches("^[0-9]{1,5}/[0-9]{4}$", "123/2026")).isTrue();
    }

    @Test
    void aCatastrophicPatternOnALongInputAnswersInsteadOfBacktrackingForever() {
        // Tried: (a+)+$ against 50,000 a's and a final '!': java.util.regex backtracks exponentially on this
        // (it would not finish), RE2/J decides it in one pass.
        String input = "a".repeat(50_000) + "!";
        assertThat(FieldPatterns.matches("(a+)+$", input)).isFalse();
        assertThat(FieldPatterns.matches("(a|aa)+$", input)).isFalse();
    }

    @Test
    void aPatternTooLongOrOutsideRe2IsRefusedWithTheReason() {
        assertThatThrownBy(() -> FieldPatterns.compile("a".repeat(FieldPatterns.MAX_LENGTH + 1)))
                .isInstanceOf(FieldPatterns.InvalidPattern.class).hasMessageContaining("longer than 200");
        assertThatThrownBy(() -> FieldPatterns.compile("(a)\\1")).isInstanceOf(FieldPatterns.InvalidPattern.class)
                .hasMessageContaining("RE2");
        assertThatThrownBy(() -> FieldPatterns.compile("^(?=.*[0-9]).+$")).isInstanceOf(FieldPatterns.InvalidPattern.class);
        assertThat(FieldPatterns.matches("(a)\\1", "aa")).as("an unusable pattern matches nothing").isFalse();
    }
}
