package dev.seva.desk.client;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.seva.desk.config.DeskConfig;
import dev.seva.desk.domain.CitizenSeal;
import dev.seva.privacy.vault.VaultClient;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Citizens' data keys from vault-service ({@code POST /v1/citizens/{ref}/key}, the desk's client has the
 * right "keys" only), kept in memory for a short time ({@code seva.desk.vault-key-cache-ttl}) and for a
 * bounded number of citizens, so that an officer's page does not ask the vault on every request; one
 * request at a time per citizen (concurrent callers share it). A citizen the vault answers 410 for is
 * {@link CitizenSeal#ERASED} (remembered for the same short time); the desk's own erasure evicts the
 * key at once. Failures to reach the vault are not remembered: the next call asks again.
 */
@ApplicationScoped
public class CitizenKeys {

    private static final Logger LOG = Logger.getLogger(CitizenKeys.class);

    @Inject
    DeskConfig config;

    private VaultClient vault;
    private AsyncCache<String, CitizenSeal> cache;

    @PostConstruct
    void start() {
        vault = new VaultClient(URI.create(config.vaultUrl()), config.vaultClientSecret(), config.vaultTimeout());
        cache = Caffeine.newBuilder().maximumSize(config.vaultKeyCacheSize()).expireAfterWrite(config.vaultKeyCacheTtl()).buildAsync();
    }

    /**
     * The citizen's seal; {@link CitizenSeal#ERASED} for an erased citizen (or none: a row whose citizen
     * reference the desk's erasure cleared). Fails with {@link VaultClient.VaultUnavailable} (try again
     * later) or {@link VaultClient.VaultRefused} (the desk's vault configuration is wrong). Completes on
     * the caller's Vert.x context, so that the caller can go on with its database.
     */
    public Uni<CitizenSeal> of(String citizenRef) {
        if (citizenRef == null) {
            return Uni.createFrom().item(CitizenSeal.ERASED);
        }
        io.vertx.core.Context caller = io.vertx.core.Vertx.currentContext();
        Uni<CitizenSeal> answer = Uni.createFrom().completionStage(() -> cache.get(citizenRef, (ref, executor) -> fetch(ref)))
                .onFailure(CompletionException.class).transform(f -> f.getCause() == null ? f : f.getCause());
        if (caller != null) {
            // The vault's HTTP client completes on its own threads; Hibernate Reactive needs the caller's context.
            answer = answer.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        }
        return answer;
    }

    /** Forgets the citizen's key now (their erasure): it is not used again from memory. */
    public void evict(String citizenRef) {
        if (citizenRef != null) {
            cache.synchronous().invalidate(citizenRef);
        }
    }

    private CompletableFuture<CitizenSeal> fetch(String citizenRef) {
        return vault.citizenKey(citizenRef).thenApply(CitizenSeal::of).exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof VaultClient.CitizenErased) {
                return CitizenSeal.ERASED;
            }
            if (cause instanceof VaultClient.VaultRefused refused) {
                // Not the citizen's doing: the desk's client secret or rights at the vault are wrong.
                LOG.errorf("vault-service refused the desk a citizen's key (%d): check VAULT_CLIENT_SECRET and the desk's rights (keys)",
                        refused.status());
            }
            throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
        });
    }
}
