package dev.seva.outbox;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline's one classification of failures (what it retries, waits for, or dead-letters). */
class FailureKindTest {

    @Test
    void anUnprocessableRecordIsDeadLetteredEvenWhenWrapped() {
        assertThat(FailureKind.of(new CompletionException(new UnprocessableRecord("unknown application")))).isEqualTo(FailureKind.UNPROCESSABLE);
    }

    @Test
    void aDatabaseThatIsDownIsWaitedFor() {
        assertThat(FailureKind.of(new RuntimeException(new ConnectException("Connection refused")))).isEqualTo(FailureKind.INFRASTRUCTURE);
        assertThat(FailureKind.of(new RuntimeException("FATAL: the database system is starting up (57P03)"))).isEqualTo(FailureKind.INFRASTRUCTURE);
    }

    @Test
    void aVaultThatCannotAnswerIsWaitedForLikeTheDatabase() {
        // Tried: vault-service answering 503 (no connection error underneath), wrapped as the HTTP client does.
        RuntimeException unavailable = new dev.seva.privacy.vault.VaultClient.VaultUnavailable("vault-service answered 503 to POST /v1/citizens/x/key", null);
        assertThat(FailureKind.of(new CompletionException(unavailable))).isEqualTo(FailureKind.INFRASTRUCTURE);
        // A refusal (wrong secret, unknown token) is not waited for.
        assertThat(FailureKind.of(new dev.seva.privacy.vault.VaultClient.VaultRefused(403, "refused"))).isEqualTo(FailureKind.UNEXPECTED);
    }

    @Test
    void concurrentChangesAreRetried() {
        assertThat(FailureKind.of(new RuntimeException("ERROR: duplicate key value violates unique constraint (23505)"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new RuntimeException("could not serialize access (40001)"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new jakarta.persistence.OptimisticLockException("row was updated"))).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void anythingElseIsUnexpected() {
        assertThat(FailureKind.of(new IllegalStateException("a bug"))).isEqualTo(FailureKind.UNEXPECTED);
        assertThat(FailureKind.of(new NullPointerException())).isEqualTo(FailureKind.UNEXPECTED);
    }
}
