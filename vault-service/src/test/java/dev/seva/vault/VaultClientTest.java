package dev.seva.vault;

import dev.seva.devstack.DevstackTestResource;
import dev.seva.privacy.aadhaar.AadhaarInText;
import dev.seva.privacy.vault.CitizenKey;
import dev.seva.privacy.vault.VaultClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.seva.vault.VaultTestSupport.AUDITOR;
import static dev.seva.vault.VaultTestSupport.CONVERSATION;
import static dev.seva.vault.VaultTestSupport.GATEWAY;
import static dev.seva.vault.VaultTestSupport.aadhaar;
import static dev.seva.vault.VaultTestSupport.citizen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** privacy's VaultClient, as every service uses it, against the running vault: client and server agree. */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "vault"))
class VaultClientTest {

    @TestHTTPResource("/")
    URI base;

    VaultClient client(String secret) {
        return new VaultClient(base, secret, Duration.ofSeconds(10));
    }

    @Test
    void theSharedClientTokenizesBindsRevealsSealsAndErases() throws Exception {
        // Tried: the gateway's, conversation's and the auditor's clients through the whole life of a citizen.
        String number = aadhaar();
        String citizen = citizen();
        AadhaarInText.Token token = await(client(GATEWAY).tokenize(number, null));
        assertThat(token.masked()).isEqualTo(AadhaarInText.masked(number));
        await(client(CONVERSATION).bind(token.token(), citizen));
        assertThat(await(client(CONVERSATION).tokenize(number, citizen)).token()).isEqualTo(token.token());
        assertThat(await(client(AUDITOR).reveal(token.token(), "grievance 42", "officer.naidu"))).isEqualTo(number);

        CitizenKey key = await(client(CONVERSATION).citizenKey(citizen));
        String sealed = key.seal("Lakshmi, 12-3-45 Benz Circle");
        // The same key comes back for the same citizen (another service, another time): what it sealed opens
        assertThat(await(client("seva-dev-vault-desk").citizenKey(citizen)).open(sealed)).isEqualTo("Lakshmi, 12-3-45 Benz Circle");

        await(client(CONVERSATION).erase(citizen));
        await(client(CONVERSATION).erase(citizen));
        assertThatThrownBy(() -> await(client(CONVERSATION).citizenKey(citizen))).isInstanceOf(VaultClient.CitizenErased.class);
        assertThatThrownBy(() -> await(client(AUDITOR).reveal(token.token(), "p", "a"))).isInstanceOf(VaultClient.CitizenErased.class);
    }

    @Test
    void theSharedClientTellsRefusalsFromAnUnavailableVault() {
        // Tried: a right the gateway lacks, a wrong secret, an unknown token, an invalid number, and a vault that is not there.
        assertThatThrownBy(() -> await(client(GATEWAY).citizenKey(citizen())))
                .isInstanceOfSatisfying(VaultClient.VaultRefused.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> await(client("not-a-client-secret-at-all").tokenize(aadhaar(), null)))
                .isInstanceOfSatisfying(VaultClient.VaultRefused.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> await(client(CONVERSATION).bind("aad_" + "z".repeat(32), citizen())))
                .isInstanceOfSatisfying(VaultClient.VaultRefused.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> await(client(GATEWAY).tokenize(VaultTestSupport.withWrongCheckDigit(aadhaar()), null)))
                .isInstanceOfSatisfying(VaultClient.VaultRefused.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> await(new VaultClient(URI.create("http://127.0.0.1:1"), GATEWAY, Duration.ofSeconds(2)).tokenize(aadhaar(), null)))
                .isInstanceOf(VaultClient.VaultUnavailable.class);
    }

    @Test
    void concurrentFirstRequestsForACitizensKeyAllGetTheSameKey() throws Exception {
        // Tried: eight services asking at once for a new citizen's key (the citizen's advisory lock serialises
        // them; without it the second insert would fail on the primary key).
        String citizen = citizen();
        VaultClient conversation = client(CONVERSATION);
        java.util.List<CompletableFuture<CitizenKey>> asks = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            asks.add(conversation.citizenKey(citizen));
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (CompletableFuture<CitizenKey> ask : asks) {
            ids.add(await(ask).keyId());
        }
        assertThat(ids).hasSize(1);
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }
}
