package dev.seva.vault.service;

import dev.seva.vault.config.VaultConfig;
import dev.seva.vault.domain.DataKeys;
import dev.seva.vault.domain.KeyWrapping;
import dev.seva.vault.persistence.AadhaarRow;
import dev.seva.vault.persistence.CitizenKeyRow;
import dev.seva.vault.persistence.WrappedKey;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * KEK rotation: re-wraps every data key and citizen key not wrapped with the current KEK
 * ({@code VAULT_KEK_ALIAS}). In batches, each its own transaction, rows locked {@code FOR UPDATE SKIP LOCKED}
 * so that several instances share the work and requests on other rows go on. Only the wrapping changes:
 * numbers stay sealed with their own data keys. The old KEK must stay in the HSM until no row uses it;
 * the job logs (and {@code seva_vault_kek_pending_rows} shows) how many still do.
 */
@ApplicationScoped
public class KekRotation {

    private static final Logger LOG = Logger.getLogger(KekRotation.class);

    /** What a run did: rows moved to the target KEK, rows still on other KEKs (locked by another instance, or failed). */
    public record Result(String target, long rewrapped, long pending) {
    }

    @Inject
    KeyWrapping wrapping;

    @Inject
    Offload offload;

    @Inject
    VaultMetrics metrics;

    @Inject
    VaultConfig config;

    @Scheduled(every = "${seva.vault.rewrap-every:1h}", delayed = "${seva.vault.rewrap-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return rewrapAll(config.kekAlias())
                .onFailure().invoke(e -> LOG.errorf("KEK rotation to %s failed (the next run tries again): %s", config.kekAlias(), e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Moves every row to {@code targetAlias} (made in the HSM if missing). */
    public Uni<Result> rewrapAll(String targetAlias) {
        return offload.blocking(() -> {
                    wrapping.ensureKek(targetAlias);
                    return targetAlias;
                })
                .chain(target -> drain(() -> aadhaarBatch(target), 0))
                .chain(aadhaar -> drain(() -> citizenKeyBatch(targetAlias), 0).map(keys -> aadhaar + keys))
                .chain(rewrapped -> pending(targetAlias).map(pending -> new Result(targetAlias, rewrapped, pending)))
                .invoke(result -> {
                    metrics.pendingRewrap(result.pending());
                    if (result.rewrapped() > 0 || result.pending() > 0) {
                        LOG.infof("KEK rotation to %s: %d keys re-wrapped, %d still wrapped with older KEKs%s", targetAlias,
                                result.rewrapped(), result.pending(),
                                result.pending() == 0 ? " (none: older KEKs may now be destroyed in the HSM, after the backups that need them expire)" : "");
                    }
                });
    }

    private Uni<Long> drain(java.util.function.Supplier<Uni<Integer>> batch, long done) {
        return batch.get().chain(n -> n == 0 ? Uni.createFrom().item(done) : drain(batch, done + n));
    }

    private Uni<Integer> aadhaarBatch(String target) {
        return batch("vault_aadhaar", "token", target, tokens -> AadhaarRow.<AadhaarRow>list("token in ?1", tokens));
    }

    private Uni<Integer> citizenKeyBatch(String target) {
        return batch("vault_citizen_key", "citizen_ref", target, refs -> CitizenKeyRow.<CitizenKeyRow>list("citizenRef in ?1", refs));
    }

    /** One transaction: a batch of rows locked, their keys unwrapped and wrapped again in the HSM (off the event loop), updated. */
    private <R extends WrappedKey> Uni<Integer> batch(String table, String id, String target, Function<List<String>, Uni<List<R>>> load) {
        return Panache.withTransaction(() -> lockedIds(table, id, target)
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<R>of()) : load.apply(ids))
                .chain(rows -> offload.blocking(() -> {
                    Map<String, byte[]> rewrapped = new HashMap<>();
                    for (R row : rows) {
                        rewrapped.put(row.wrappingId(), rewrap(row.wrappedWith(), target, row.wrappedKey(), row.wrappingId()));
                    }
                    return rewrapped;
                }).map(rewrapped -> {
                    // Applied back on the event loop, where the session is; flushed at commit.
                    for (R row : rows) {
                        row.rewrapped(target, rewrapped.get(row.wrappingId()));
                    }
                    return rows.size();
                })));
    }

    /** One batch of ids not on the target KEK, locked for this transaction; rows another instance holds are skipped. */
    private Uni<List<String>> lockedIds(String table, String id, String target) {
        return Panache.getSession().chain(s -> s
                .createNativeQuery("SELECT " + id + " FROM " + table + " WHERE kek_alias <> ?1 ORDER BY " + id
                        + " LIMIT ?2 FOR UPDATE SKIP LOCKED", String.class)
                .setParameter(1, target)
                .setParameter(2, config.rewrapBatchSize())
                .getResultList());
    }

    private byte[] rewrap(String from, String to, byte[] wrapped, String associatedData) {
        byte[] key = wrapping.unwrap(from, wrapped, associatedData);
        try {
            return wrapping.wrap(to, key, associatedData);
        } finally {
            DataKeys.wipe(key);
        }
    }

    /** Rows still wrapped with another KEK than {@code target}. */
    public Uni<Long> pending(String target) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s
                .createNativeQuery("SELECT (SELECT count(*) FROM vault_aadhaar WHERE kek_alias <> ?1)"
                        + " + (SELECT count(*) FROM vault_citizen_key WHERE kek_alias <> ?1)", Long.class)
                .setParameter(1, target)
                .getSingleResult()));
    }
}
