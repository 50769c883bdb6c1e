package dev.seva.notification.service;

import dev.seva.contracts.Topics;
import dev.seva.contracts.citizen.CitizenErasureRequested;
import dev.seva.notification.client.GraphApiClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Honours {@code citizen.erasure.v1}, which names the citizen by citizenRef only (no phone number): the
 * citizen's delivery records (found by the citizenRef their commands carried) lose everything that points at
 * the citizen, their cached media rows are deleted, and the documents uploaded to Meta for them are deleted
 * there too. Once per event (message log, in the same transaction as the changes). Rows written without a
 * citizenRef (before consent, or before the column existed) cannot be found this way; retention removes them.
 */
@ApplicationScoped
public class ErasureService {

    private static final Logger LOG = Logger.getLogger(ErasureService.class);

    private final Pool pool;
    private final GraphApiClient graph;
    private final NotificationMetrics metrics;

    public ErasureService(Pool pool, GraphApiClient graph, NotificationMetrics metrics) {
        this.pool = pool;
        this.graph = graph;
        this.metrics = metrics;
    }

    public Uni<Void> erase(CitizenErasureRequested event) {
        return pool.withTransaction(connection -> connection
                        .preparedQuery("INSERT INTO message_log (event_id, topic) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING")
                        .execute(Tuple.of(event.eventId(), Topics.CITIZEN_ERASURE))
                        .chain(logged -> logged.rowCount() == 0 ? Uni.createFrom().item(List.<String>of()) : eraseRows(connection, event.citizenRef())))
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

    private Uni<List<String>> eraseRows(SqlConnection connection, String citizenRef) {
        List<String> mediaIds = new ArrayList<>();
        // Not deleted: the command id stays as the idempotency key, so a command redelivered after the erasure
        // is recognised and not sent again; everything that points at the citizen goes, the citizenRef too.
        return connection.preparedQuery("UPDATE delivery SET recipient_hash = '\\x'::bytea, recipient_alt_hash = NULL, citizen_ref = NULL, "
                        + "wamid = NULL, last_error = NULL, fallback_template = NULL, erased = true, updated_at = now() "
                        + "WHERE citizen_ref = $1")
                .execute(Tuple.of(citizenRef))
                .invoke(rows -> metrics.erased("deliveries", rows.rowCount()))
                .chain(() -> connection.preparedQuery("DELETE FROM media_cache WHERE citizen_ref = $1 RETURNING media_id")
                        .execute(Tuple.of(citizenRef)))
                .map(rows -> {
                    for (Row row : rows) {
                        mediaIds.add(row.getString("media_id"));
                    }
                    return mediaIds;
                });
    }
}
