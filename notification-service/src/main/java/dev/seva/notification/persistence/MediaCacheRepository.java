package dev.seva.notification.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/** Media ids of documents already uploaded to Meta, per business number, while Meta keeps them. */
@ApplicationScoped
public class MediaCacheRepository {

    private final Pool pool;

    public MediaCacheRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<String>> valid(String phoneNumberId, String documentId) {
        return pool.preparedQuery("SELECT media_id FROM media_cache WHERE phone_number_id = $1 AND document_id = $2 AND expires_at > now()")
                .execute(Tuple.of(phoneNumberId, documentId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getString("media_id")) : Optional.empty());
    }

    /** {@code citizenRef}: the command's (null when it had none), by which an erasure finds the upload. */
    public Uni<Void> store(String phoneNumberId, String documentId, String mediaId, byte[] recipientHash, String citizenRef, Instant expiresAt) {
        return pool.preparedQuery("INSERT INTO media_cache (phone_number_id, document_id, media_id, recipient_hash, uploaded_at, expires_at, citizen_ref) "
                        + "VALUES ($1, $2, $3, $4, now(), $5, $6) ON CONFLICT (phone_number_id, document_id) DO UPDATE "
                        + "SET media_id = EXCLUDED.media_id, uploaded_at = EXCLUDED.uploaded_at, expires_at = EXCLUDED.expires_at, "
                        + "citizen_ref = COALESCE(EXCLUDED.citizen_ref, media_cache.citizen_ref)")
                .execute(Tuple.of(phoneNumberId, documentId, mediaId, Buffer.buffer(recipientHash), DeliveryRepository.utc(expiresAt), citizenRef))
                .replaceWithVoid();
    }

    /** Forgets a media id Meta no longer knows (131053), unless it was replaced meanwhile. */
    public Uni<Void> invalidate(String phoneNumberId, String documentId, String mediaId) {
        return pool.preparedQuery("DELETE FROM media_cache WHERE phone_number_id = $1 AND document_id = $2 AND media_id = $3")
                .execute(Tuple.of(phoneNumberId, documentId, mediaId)).replaceWithVoid();
    }
}
