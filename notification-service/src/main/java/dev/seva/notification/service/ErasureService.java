package dev.seva.notification.service;

import dev.seva.contracts.Topics;
import dev.seva.contracts.citizen.CitizenErasureRequested;
import dev.seva.notification.client.GraphApiClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Honours {@code citizen.erasure.v1}: deletes the citizen's delivery records and cached media (found by
 * the HMAC of the address), and deletes the uploaded documents at Meta too. Once per event (message log,
 * in the same transaction as the deletes).
 */
@ApplicationScoped
public class ErasureService {

    private static final Logger LOG = Logger.getLogger(ErasureService.class);

    private final Pool pool;
    private final AddressHasher hasher;
    private final GraphApiClient graph;
    private final NotificationMetrics metrics;

    public ErasureService(Pool pool, AddressHasher hasher, GraphApiClient graph, NotificationMetrics metrics) {
        this.pool = pool;
        this.hasher = hasher;
        this.graph = graph;
        this.metrics = metrics;
    }

    public Uni<Void> erase(CitizenErasureRequested event) {
        if (event.address() == null) {
            metrics.erased("no-address", 1);
            return Uni.createFrom().voidItem();
        }
        List<Buffer> hashes = new ArrayList<>();
        for (String part : new String[] {event.address().waId(), event.address().userId()}) {
            if (part != null && !part.isBlank()) {
                hashes.add(Buffer.buffer(hasher.hash(part)));
            }
        }
        return pool.withTransaction(connection -> connection
                        .preparedQuery("INSERT INTO message_log (event_id, topic) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING")
                        .execute(Tuple.of(event.eventId(), Topics.CITIZEN_ERASURE))
                        .chain(logged -> logged.rowCount() == 0 ? Uni.createFrom().item(List.<String>of()) : deleteAll(connection, hashes)))
                .chain(mediaIds -> Multi.createFrom().iterable(mediaIds)
                        .onItem().transformToUniAndConcatenate(graph::deleteMedia)
                        .collect().asList()
                        .invoke(results -> {
                            long failed = results.stream().filter(ok -> !ok).count();
                            metrics.erased("meta-media", (int) (results.size() - failed));
                            if (failed > 0) {
                                LOG.warnf("Erasure %s: %d uploaded document(s) could not be deleted at Meta; Meta drops them within 30 days",
                                        event.eventId(), failed);
                            }
                        }))
                .replaceWithVoid();
    }

    private Uni<List<String>> deleteAll(SqlConnection connection, List<Buffer> hashes) {
        List<String> mediaIds = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Buffer hash : hashes) {
            chain = chain
                    // Not deleted: the command id stays as the idempotency key, so a command redelivered after
                    // the erasure is recognised and not sent again; everything that points at the citizen goes.
                    .chain(() -> connection.preparedQuery("UPDATE delivery SET recipient_hash = '\\x'::bytea, recipient_alt_hash = NULL, "
                                    + "wamid = NULL, last_error = NULL, fallback_template = NULL, erased = true, updated_at = now() "
                                    + "WHERE recipient_hash = $1 OR recipient_alt_hash = $1")
                            .execute(Tuple.of(hash)))
                    .invoke(rows -> metrics.erased("deliveries", rows.rowCount()))
                    .chain(() -> connection.preparedQuery("DELETE FROM media_cache WHERE recipient_hash = $1 RETURNING media_id")
                            .execute(Tuple.of(hash)))
                    .invoke(rows -> {
                        for (Row row : rows) {
                            mediaIds.add(row.getString("media_id"));
                        }
                    })
                    .replaceWithVoid();
        }
        return chain.replaceWith(mediaIds);
    }
}
