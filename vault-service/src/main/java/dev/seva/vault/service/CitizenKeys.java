package dev.seva.vault.service;

import dev.seva.contracts.citizen.CitizenErasureRequested;
import dev.seva.outbox.MessageLog;
import dev.seva.vault.config.VaultConfig;
import dev.seva.vault.domain.Client;
import dev.seva.vault.domain.DataKeys;
import dev.seva.vault.domain.KeyWrapping;
import dev.seva.vault.domain.Requests;
import dev.seva.vault.domain.Tokens;
import dev.seva.vault.domain.VaultRefusal;
import dev.seva.vault.persistence.AadhaarRow;
import dev.seva.vault.persistence.CitizenKeyRow;
import dev.seva.vault.persistence.TombstoneRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Citizens' data keys (crypto-shredding) and erasure. A key is made on first request and served, audited,
 * to the services that seal the citizen's data with it. Erasure deletes the key and the citizen's Aadhaar
 * records and leaves a tombstone (SHA-256 only), so no key is ever made again for them.
 */
@ApplicationScoped
public class CitizenKeys {

    private static final Logger LOG = Logger.getLogger(CitizenKeys.class);
    /** The audit's client for an erasure read from the topic. */
    public static final String ERASURE_TOPIC_CLIENT = "citizen.erasure.v1";

    /** A key as served: its random id and the 32 bytes in base64. */
    public record ServedKey(String keyId, String key) {
    }

    @Inject
    KeyWrapping wrapping;

    @Inject
    Offload offload;

    @Inject
    CitizenLocks citizens;

    @Inject
    AuditLog audit;

    @Inject
    VaultMetrics metrics;

    @Inject
    MessageLog messageLog;

    @Inject
    VaultConfig config;

    final Clock clock = Clock.systemUTC();

    /** The citizen's key, made if they have none; 410 once they are erased. Every key served is audited. */
    public Uni<ServedKey> key(Client client, String citizenRef) {
        String ref = Requests.citizenRef("citizenRef", citizenRef);
        return Panache.withTransaction(() -> citizens.lock(ref)
                        .chain(() -> citizens.isErased(ref))
                        .chain(erased -> erased ? Uni.createFrom().<CitizenKeyRow>failure(new VaultRefusal.Erased()) : CitizenKeyRow.<CitizenKeyRow>findById(ref))
                        .chain(row -> row != null ? offload.blocking(() -> serve(row)) : make(ref))
                        .call(served -> audit.append(client.name(), AuditLog.KEY, ref, null, null)))
                .invoke(served -> metrics.decryption(client.name(), AuditLog.KEY));
    }

    /** Erases the citizen at a client's request ({@code DELETE /v1/citizens/{ref}}). Idempotent. */
    public Uni<Void> erase(Client client, String citizenRef) {
        String ref = Requests.citizenRef("citizenRef", citizenRef);
        return Panache.withTransaction(() -> eraseInTransaction(client.name(), ref, null));
    }

    /** Erases the citizen named by {@code citizen.erasure.v1} (once per event: the message log). */
    public Uni<Void> onErasure(String topic, CitizenErasureRequested event) {
        return Panache.withTransaction(() -> messageLog.firstDelivery(event.eventId(), topic)
                .chain(first -> first
                        ? eraseInTransaction(ERASURE_TOPIC_CLIENT, event.citizenRef(), event.reason() == null ? null : event.reason().wireName())
                        : Uni.createFrom().voidItem()));
    }

    private Uni<Void> eraseInTransaction(String client, String ref, String purpose) {
        return citizens.lock(ref)
                .chain(() -> CitizenKeyRow.delete("citizenRef", ref))
                .chain(() -> Panache.getSession().chain(s -> s
                        .createNativeQuery("SELECT token FROM vault_aadhaar WHERE citizen_ref = ?1", String.class)
                        .setParameter(1, ref).getResultList()))
                .call(tokens -> tombstoneAll(tokens))
                .call(tokens -> AadhaarRow.delete("citizenRef", ref))
                .call(tokens -> citizens.tombstone(ref, TombstoneRow.CITIZEN))
                .call(tokens -> audit.append(client, AuditLog.ERASE, ref, null, purpose))
                .invoke(tokens -> LOG.infof("Citizen %s erased in the vault (%d Aadhaar records, their key)", ref, tokens.size()))
                .replaceWithVoid();
    }

    private Uni<Void> tombstoneAll(List<String> tokens) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String token : tokens) {
            chain = chain.chain(() -> citizens.tombstone(token, TombstoneRow.TOKEN));
        }
        return chain;
    }

    private Uni<ServedKey> make(String ref) {
        String kek = config.kekAlias();
        byte[] key = DataKeys.newKey();
        return offload.blocking(() -> {
            CitizenKeyRow row = new CitizenKeyRow();
            row.citizenRef = ref;
            row.keyId = Tokens.newKeyId();
            row.kekAlias = kek;
            row.createdAt = Instant.now(clock);
            row.keyWrapped = wrapping.wrap(kek, key, ref);
            return row;
        }).chain(row -> row.<CitizenKeyRow>persist())
                .map(row -> new ServedKey(row.keyId, Base64.getEncoder().encodeToString(key)))
                .eventually(() -> DataKeys.wipe(key));
    }

    /** Unwraps the citizen's key in the HSM (blocking: call off the event loop). */
    private ServedKey serve(CitizenKeyRow row) {
        byte[] key = wrapping.unwrap(row.kekAlias, row.keyWrapped, row.citizenRef);
        try {
            return new ServedKey(row.keyId, Base64.getEncoder().encodeToString(key));
        } finally {
            DataKeys.wipe(key);
        }
    }
}
