package dev.seva.contracts.internal;

import dev.seva.contracts.internal.DocumentFetchToken.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentFetchTokenTest {

    static final String SECRET = "document-fetch-secret-current";
    static final String PREVIOUS = "document-fetch-secret-previous";
    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC);

    @Test
    void acceptsATokenForItsDocumentWithinItsLifetime() {
        String token = DocumentFetchToken.issue(SECRET, "doc_8f3a2b1c9d0e", Duration.ofMinutes(2), NOW);

        assertThat(token).startsWith("v1.").doesNotContain("doc_8f3a2b1c9d0e");
        assertThat(DocumentFetchToken.verify(List.of(SECRET), token, "doc_8f3a2b1c9d0e", NOW)).isEqualTo(Verdict.VALID);
        assertThat(DocumentFetchToken.verify(List.of(SECRET), token, "doc_8f3a2b1c9d0e",
                Clock.offset(NOW, Duration.ofSeconds(119)))).isEqualTo(Verdict.VALID);
    }

    @Test
    void refusesATokenOnceExpired() {
        String token = DocumentFetchToken.issue(SECRET, "doc_1", Duration.ofMinutes(2), NOW);

        assertThat(DocumentFetchToken.verify(List.of(SECRET), token, "doc_1", Clock.offset(NOW, Duration.ofMinutes(2))))
                .isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void refusesATokenPresentedForAnotherDocument() {
        String token = DocumentFetchToken.issue(SECRET, "doc_1", Duration.ofMinutes(2), NOW);

        assertThat(DocumentFetchToken.verify(List.of(SECRET), token, "doc_2", NOW)).isEqualTo(Verdict.WRONG_DOCUMENT);
    }

    @Test
    void refusesATokenSignedWithAnotherSecretOrTamperedWith() {
        String token = DocumentFetchToken.issue("some-other-secret-entirely", "doc_1", Duration.ofMinutes(2), NOW);
        String mine = DocumentFetchToken.issue(SECRET, "doc_1", Duration.ofMinutes(2), NOW);
        String[] parts = mine.split("\\.");
        String longerExpiry = parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 60) + "." + parts[3];

        assertThat(DocumentFetchToken.verify(List.of(SECRET), token, "doc_1", NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(DocumentFetchToken.verify(List.of(SECRET), longerExpiry, "doc_1", NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void acceptsTokensOfThePreviousSecretDuringRotation() {
        String token = DocumentFetchToken.issue(PREVIOUS, "doc_1", Duration.ofMinutes(2), NOW);

        assertThat(DocumentFetchToken.verify(List.of(SECRET, PREVIOUS), token, "doc_1", NOW)).isEqualTo(Verdict.VALID);
        assertThat(DocumentFetchToken.verify(List.of(SECRET), token, "doc_1", NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void refusesATokenValidFurtherAheadThanTheMaximumLifetime() {
        Clock issuerClockAnHourAhead = Clock.offset(NOW, Duration.ofHours(1));
        String token = DocumentFetchToken.issue(SECRET, "doc_1", Duration.ofMinutes(5), issuerClockAnHourAhead);

        assertThat(DocumentFetchToken.verify(List.of(SECRET), token, "doc_1", NOW)).isEqualTo(Verdict.TOO_LONG_LIVED);
    }

    @Test
    void refusesMalformedTokens() {
        for (String token : List.of("", "v1", "v2.ZG9j.1.abc", "v1.ZG9j.notanumber.abc", "v1.***.1795000000.abc", "a.b.c.d.e")) {
            assertThat(DocumentFetchToken.verify(List.of(SECRET), token, "doc", NOW)).as(token).isEqualTo(Verdict.MALFORMED);
        }
    }

    @Test
    void refusesToIssueWithAWeakSecretOrALongLifetime() {
        assertThatThrownBy(() -> DocumentFetchToken.issue("short", "doc_1", Duration.ofMinutes(1), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DocumentFetchToken.issue(SECRET, "doc_1", Duration.ofHours(1), NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
