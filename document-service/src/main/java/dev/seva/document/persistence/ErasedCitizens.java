package dev.seva.document.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The citizens this service has erased (table {@code erased_citizen}, V4), by the SHA-256 of their
 * citizenRef. An erasure and the storing of a document for the same citizen each take the citizen's
 * transaction-scoped advisory lock first ({@link #lock}), so one of them commits before the other reads:
 * either the document is stored first and the erasure then strips it, or the erasure is remembered first
 * and the document is never stored. All calls run inside the caller's transaction.
 */
@ApplicationScoped
public class ErasedCitizens {

    /**
     * Stores a document unless the citizen is erased, under the citizen's lock: an erasure committed while the document
     * was being signed wins. True when {@code store} ran, false when {@code erased} did instead.
     */
    public Uni<Boolean> unlessErased(String citizenRef, java.util.function.Supplier<Uni<Void>> store,
                                     java.util.function.Supplier<Uni<Void>> erased) {
        return lock(citizenRef)
                .chain(() -> erased(citizenRef))
                .chain(isErased -> isErased ? erased.get().replaceWith(false) : store.get().replaceWith(true));
    }

    /** Serialises this citizen's erasure and document issuance until the end of the current transaction. */
    public Uni<Void> lock(String citizenRef) {
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(?1)")
                        .setParameter(1, lockKey(citizenRef))
                        .getSingleResult())
                .replaceWithVoid();
    }

    public Uni<Void> remember(String citizenRef, Instant erasedAt) {
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("INSERT INTO erased_citizen (citizen_ref_sha256, erased_at) VALUES (?1, ?2) "
                                + "ON CONFLICT (citizen_ref_sha256) DO NOTHING")
                        .setParameter(1, sha256(citizenRef))
                        .setParameter(2, erasedAt)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Boolean> erased(String citizenRef) {
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("SELECT count(*) FROM erased_citizen WHERE citizen_ref_sha256 = ?1", Long.class)
                        .setParameter(1, sha256(citizenRef))
                        .getSingleResult())
                .map(count -> count > 0);
    }

    /** Lower-case hex SHA-256 of the citizenRef (UTF-8). */
    public static String sha256(String citizenRef) {
        return HexFormat.of().formatHex(digest(citizenRef));
    }

    static long lockKey(String citizenRef) {
        return ByteBuffer.wrap(digest(citizenRef)).getLong();
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
