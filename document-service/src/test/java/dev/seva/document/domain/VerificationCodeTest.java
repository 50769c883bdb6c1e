package dev.seva.document.domain;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The printed verification code: its form, its entropy, and what opens a document: pure domain, no Quarkus. */
class VerificationCodeTest {

    @Test
    void codesAreEightUnambiguousCharactersWithFortyRandomBits() {
        assertThat(VerificationCode.ALPHABET).hasSize(32).doesNotContain("0", "O", "1", "I");
        assertThat(VerificationCode.ALPHABET.chars().distinct().count()).isEqualTo(32);
        assertThat(VerificationCode.LENGTH * 5).as("bits: 8 characters of 32").isGreaterThanOrEqualTo(40);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = VerificationCode.generate();
            assertThat(code).matches("[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}");
            seen.add(code);
        }
        assertThat(seen).as("2,000 codes from 2^40 do not repeat").hasSize(2000);
    }

    @Test
    void theRightCodeOpensItsDocumentAsPeopleTypeIt() {
        String code = VerificationCode.generate();
        String stored = VerificationCode.hash("doc_A", code);
        assertThat(stored).doesNotContain(code).doesNotContain(code.replace("-", ""));
        assertThat(VerificationCode.matches(stored, "doc_A", code)).isTrue();
        assertThat(VerificationCode.matches(stored, "doc_A", code.toLowerCase())).isTrue();
        assertThat(VerificationCode.matches(stored, "doc_A", " " + code.replace("-", " ") + " ")).isTrue();
    }

    @Test
    void aWrongCodeAnotherDocumentsCodeOrNoStoredCodeOpensNothing() {
        String code = VerificationCode.generate();
        String stored = VerificationCode.hash("doc_A", code);
        String other = code.charAt(0) == '2' ? "3" + code.substring(1) : "2" + code.substring(1);
        assertThat(VerificationCode.matches(stored, "doc_A", other)).isFalse();
        assertThat(VerificationCode.matches(stored, "doc_B", code)).as("a code is bound to its document").isFalse();
        assertThat(VerificationCode.matches(stored, "doc_A", code + "X")).isFalse();
        assertThat(VerificationCode.matches(stored, "doc_A", "")).isFalse();
        assertThat(VerificationCode.matches(null, "doc_A", code)).as("documents issued before codes existed").isFalse();
        assertThat(VerificationCode.matches(stored, "doc_A", null)).isFalse();
    }
}
