package dev.seva.conversation.service;

import dev.seva.conversation.config.ConversationConfig;
import dev.seva.privacy.aadhaar.AadhaarInText;
import dev.seva.privacy.vault.CitizenKey;
import dev.seva.privacy.vault.VaultClient;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * vault-service, as this service uses it: Aadhaar tokens for citizens, bindings of the gateway's tokens,
 * citizens' data keys (held in memory for a short time, a bounded number of them, so a citizen's key is
 * fetched once per period and not once per message) and erasure. Every call resumes on the caller's Vert.x
 * context, since the database work that follows must run there.
 *
 * <p>Failures are the client's: {@link VaultClient.VaultUnavailable} and {@link VaultClient.VaultRefused} are
 * both waited out by the record pipeline (a refusal is a configuration error of this service's client
 * credentials, not the record's fault, so nothing is dead-lettered for it); {@link VaultClient.CitizenErased}
 * means the citizen is gone: nothing new is stored for them.
 */
@ApplicationScoped
public class VaultAccess {

    private final VaultClient client;
    private final long keyTtlNanos;
    private final Map<String, CachedKey> keys;

    private record CachedKey(CitizenKey key, long expiresAt) {
    }

    @Inject
    public VaultAccess(ConversationConfig config) {
        this(new VaultClient(config.vaultUrl(), config.vaultClientSecret(), config.vaultTimeout()), config);
    }

    VaultAccess(VaultClient client, ConversationConfig config) {
        this.client = client;
        this.keyTtlNanos = config.citizenKeyCache().toNanos();
        int max = config.citizenKeyCacheSize();
        this.keys = java.util.Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CachedKey> eldest) {
                return size() > max;
            }
        });
    }

    /** A valid number in clear, tokenized and bound to the citizen. */
    public Uni<AadhaarInText.Token> tokenize(String digits, String citizenRef) {
        return onContext(() -> client.tokenize(digits, citizenRef));
    }

    /**
     * Binds a token the gateway made to the citizen; false when the vault will not (no such token, bound to
     * another citizen, or that citizen erased): such a token is not kept.
     */
    public Uni<Boolean> bind(String token, String citizenRef) {
        return onContext(() -> client.bind(token, citizenRef)).replaceWith(Boolean.TRUE)
                .onFailure(f -> f instanceof VaultClient.VaultRefused || f instanceof VaultClient.CitizenErased).recoverWithItem(Boolean.FALSE);
    }

    /** The citizen's data key, from memory while it is fresh; fails with {@link VaultClient.CitizenErased} once they are erased. */
    /**
     * The citizen's key, or null when the vault has erased them: then nothing new is stored for them and they are told
     * nothing (their rows go with their next message, or their erasure).
     */
    public Uni<CitizenKey> keyUnlessErased(String citizenRef) {
        return key(citizenRef).onFailure(VaultClient.CitizenErased.class).recoverWithNull();
    }

    public Uni<CitizenKey> key(String citizenRef) {
        CachedKey cached = keys.get(citizenRef);
        if (cached != null && cached.expiresAt() - System.nanoTime() > 0) {
            return Uni.createFrom().item(cached.key());
        }
        return onContext(() -> client.citizenKey(citizenRef))
                .invoke(key -> keys.put(citizenRef, new CachedKey(key, System.nanoTime() + keyTtlNanos)))
                .onFailure(VaultClient.CitizenErased.class).invoke(() -> keys.remove(citizenRef));
    }

    /** Destroys the citizen's key and Aadhaar numbers in the vault (idempotent) and forgets the key here. */
    public Uni<Void> erase(String citizenRef) {
        forget(citizenRef);
        return onContext(() -> client.erase(citizenRef)).invoke(() -> forget(citizenRef));
    }

    public void forget(String citizenRef) {
        keys.remove(citizenRef);
    }

    private static <T> Uni<T> onContext(Supplier<CompletableFuture<T>> call) {
        Context context = Vertx.currentContext();
        Uni<T> uni = Uni.createFrom().completionStage(call);
        return context == null ? uni : uni.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
