package dev.seva.document.client;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.seva.document.config.DocumentConfig;
import dev.seva.privacy.vault.CitizenKey;
import dev.seva.privacy.vault.VaultClient;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Citizens' data keys from vault-service ({@code POST /v1/citizens/{ref}/key}; this service's client has the
 * right "keys" only), kept in memory for a short time ({@code seva.document.vault.key-cache-ttl}) and for a
 * bounded number of citizens, so that an approval and the download that follows it, or a verification page
 * opened twice, do not each ask the vault; one request at a time per citizen (concurrent callers share it).
 * A citizen the vault answers 410 for is empty (erased: their key is destroyed), remembered for the same
 * short time; this service's own erasure evicts the key at once. Failures to reach the vault are not
 * remembered: the next call asks again.
 */
@ApplicationScoped
public class CitizenKeys {

    private static final Logger LOG = Logger.getLogger(CitizenKeys.class);

    @Inject
    DocumentConfig config;

    private VaultClient vault;
    private AsyncCache<String, Optional<CitizenKey>> cache;

    @PostConstruct
    void start() {
        DocumentConfig.Vault settings = config.vault();
        vault = new VaultClient(URI.create(settings.url()), settings.clientSecret(), settings.timeout());
        cache = Caffeine.newBuilder().maximumSize(settings.keyCacheSize()).expireAfterWrite(settings.keyCacheTtl()).buildAsync();
    }

    /**
     * The citizen's key; empty when the citizen is erased (the vault answered 410), or when there is no
     * citizen reference (a row this service's erasure cleared). Fails with {@link VaultClient.VaultUnavailable}
     * (try again later) or {@link VaultClient.VaultRefused} (this service's vault configuration is wrong).
     * Completes on the caller's Vert.x context, so that the caller can go on with its database (Hibernate
     * Reactive refuses another thread).
     */
    public Uni<Optional<CitizenKey>> of(String citizenRef) {
        if (citizenRef == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        io.vertx.core.Context caller = io.vertx.core.Vertx.currentContext();
        Uni<Optional<CitizenKey>> answer = Uni.createFrom().completionStage(() -> cache.get(citizenRef, (ref, executor) -> fetch(ref)))
                .onFailure(CompletionException.class).transform(f -> f.getCause() == null ? f : f.getCause());
        if (caller != null) {
            // The vault's HTTP client completes on its own threads.
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

    private CompletableFuture<Optional<CitizenKey>> fetch(String citizenRef) {
        return vault.citizenKey(citizenRef).thenApply(Optional::of).exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof VaultClient.CitizenErased) {
                return Optional.empty();
            }
            if (cause instanceof VaultClient.VaultRefused) {
                // Not the citizen's doing: this service's client secret or rights at the vault are wrong.
                LOG.errorf("vault-service refused document-service a citizen's key (%d): check VAULT_CLIENT_SECRET and the client's rights (keys)",
                        ((VaultClient.VaultRefused) cause).status());
            }
            throw cause instanceof RuntimeException ? (RuntimeException) cause : new CompletionException(cause);
        });
    }
}
