package dev.seva.privacy.vault;

import dev.seva.consumer.FailureKind;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** What a consumer does when the vault fails it: the shared pipeline's classification of the client's failures. */
class VaultFailuresTest {

    @Test
    void aVaultThatCannotAnswerOrRefusesThisServiceIsWaitedForNotDeadLettered() {
        // Tried: vault-service answering 503 (no connection error underneath), wrapped as the HTTP client's future does;
        // and a 403 (this service's secret or rights wrong): every record would fail alike, so none is dead-lettered.
        assertThat(FailureKind.of(new CompletionException(new VaultClient.VaultUnavailable("vault-service answered 503 to POST /v1/citizens/x/key", null))))
                .isEqualTo(FailureKind.INFRASTRUCTURE);
        assertThat(FailureKind.of(new VaultClient.VaultRefused(403, "vault-service refused POST /v1/citizens/x/key with 403")))
                .isEqualTo(FailureKind.INFRASTRUCTURE);
    }

    @Test
    void anErasedCitizenIsNoInfrastructureFailure() {
        // The handler decides (nothing is stored for the citizen); if it let it through, it would be a few tries, then a dead letter.
        assertThat(FailureKind.of(new VaultClient.CitizenErased("The citizen has been erased"))).isEqualTo(FailureKind.UNEXPECTED);
    }
}
