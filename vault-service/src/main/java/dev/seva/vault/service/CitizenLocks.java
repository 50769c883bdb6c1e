package dev.seva.vault.service;

import dev.seva.vault.domain.DataKeys;
import dev.seva.vault.persistence.TombstoneRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One citizen's changes, one at a time: a transaction that makes a key or binds a token for a citizen,
 * and the citizen's erasure, take the same transaction-scoped advisory lock, so no key is made (or token
 * bound) for a citizen between their erasure's check and its commit. And the tombstones they check.
 */
@ApplicationScoped
public class CitizenLocks {

    /** The vault's namespace in PostgreSQL's two-key advisory lock space (the outbox relay uses the one-key space). */
    private static final int NAMESPACE = 8087;

    /** Waits for, then holds until the end of the transaction, the citizen's lock. */
    public Uni<Void> lock(String citizenRef) {
        return Panache.getSession().chain(s -> s
                .createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(" + NAMESPACE + ", hashtext(?1))) l", Long.class)
                .setParameter(1, citizenRef)
                .getSingleResult()).replaceWithVoid();
    }

    public Uni<Boolean> isErased(String citizenOrToken) {
        return TombstoneRow.<TombstoneRow>findById(DataKeys.sha256Hex(citizenOrToken)).map(t -> t != null);
    }

    /** Remembers an erased citizen or token by its SHA-256 (again: nothing changes). */
    public Uni<Void> tombstone(String citizenOrToken, String kind) {
        return Panache.getSession().chain(s -> s
                .createNativeQuery("INSERT INTO vault_tombstone (digest, kind, erased_at) VALUES (?1, ?2, now()) ON CONFLICT (digest) DO NOTHING")
                .setParameter(1, DataKeys.sha256Hex(citizenOrToken))
                .setParameter(2, kind)
                .executeUpdate()).replaceWithVoid();
    }
}
