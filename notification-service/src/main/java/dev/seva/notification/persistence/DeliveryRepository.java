package dev.seva.notification.persistence;

import dev.seva.notification.domain.Failure;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code delivery} table. Every change is one conditional statement, so two instances (or a
 * crashed one and its successor) can never both believe they own a command: the idempotency protocol
 * is in these WHERE clauses (see README, "Exactly once as far as the API allows").
 */
@ApplicationScoped
public class DeliveryRepository {

    /** A command about to be delivered for the first time. */
    public record NewDelivery(UUID commandId, String phoneNumberId, byte[] recipientHash, byte[] recipientAltHash, String citizenRef, String kind,
                              String fallbackTemplate, Instant commandAt, Instant enqueuedAt) {
    }

    /** A status applied to the row of a wamid. */
    public record StatusApplied(UUID commandId, String state) {
    }

    private static final String STALE = "last_attempt_at < now() - make_interval(secs => $3)";

    private final Pool pool;

    public DeliveryRepository(Pool pool) {
        this.pool = pool;
    }

    /** Records the command as being sent by {@code owner}; false when it was recorded before (a redelivery). */
    public Uni<Boolean> claim(NewDelivery d, UUID owner) {
        return pool.preparedQuery("INSERT INTO delivery (command_id, phone_number_id, recipient_hash, recipient_alt_hash, kind, state, "
                        + "attempts, fallback_template, owner, last_attempt_at, command_at, enqueued_at, citizen_ref) "
                        + "VALUES ($1, $2, $3, $4, $5, 'sending', 1, $6, $7, now(), $8, $9, $10) ON CONFLICT (command_id) DO NOTHING")
                .execute(Tuple.from(new Object[] {d.commandId(), d.phoneNumberId(), Buffer.buffer(d.recipientHash()),
                        d.recipientAltHash() == null ? null : Buffer.buffer(d.recipientAltHash()), d.kind(), d.fallbackTemplate(),
                        owner, utc(d.commandAt()), utc(d.enqueuedAt()), d.citizenRef()}))
                .map(rows -> rows.rowCount() == 1);
    }

    /** What operators may see of a delivery: nothing once its citizen's data was erased. */
    public Uni<Optional<DeliveryRecord>> findNotErased(UUID commandId) {
        return pool.preparedQuery("SELECT " + DeliveryRecord.COLUMNS + " FROM delivery WHERE command_id = $1 AND NOT erased")
                .execute(Tuple.of(commandId)).map(DeliveryRepository::first);
    }

    public Uni<Optional<DeliveryRecord>> find(UUID commandId) {
        return pool.preparedQuery("SELECT " + DeliveryRecord.COLUMNS + " FROM delivery WHERE command_id = $1")
                .execute(Tuple.of(commandId)).map(DeliveryRepository::first);
    }

    public Uni<Optional<DeliveryRecord>> findByWamid(String wamid) {
        return pool.preparedQuery("SELECT " + DeliveryRecord.COLUMNS + " FROM delivery WHERE wamid = $1")
                .execute(Tuple.of(wamid)).map(DeliveryRepository::first);
    }

    /**
     * Takes over a command still "sending" whose last attempt is older than {@code staleAfter} and whose
     * wamid no status webhook has filled in. Answers the row when this instance now owns it.
     */
    public Uni<Optional<DeliveryRecord>> takeOver(UUID commandId, UUID owner, Duration staleAfter) {
        return pool.preparedQuery("UPDATE delivery SET owner = $2, attempts = attempts + 1, last_attempt_at = now(), updated_at = now() "
                        + "WHERE command_id = $1 AND state = 'sending' AND wamid IS NULL AND (owner = $2 OR " + STALE + ") "
                        + "RETURNING " + DeliveryRecord.COLUMNS)
                .execute(Tuple.of(commandId, owner, seconds(staleAfter))).map(DeliveryRepository::first);
    }

    /** Before another attempt: still ours and still unsent? Counts the attempt. False: stop (taken over, or Meta's status arrived). */
    public Uni<Boolean> beforeRetry(UUID commandId, UUID owner) {
        return pool.preparedQuery("UPDATE delivery SET attempts = attempts + 1, last_attempt_at = now(), updated_at = now() "
                        + "WHERE command_id = $1 AND owner = $2 AND state = 'sending'")
                .execute(Tuple.of(commandId, owner)).map(rows -> rows.rowCount() == 1);
    }

    /** Notes a failed attempt; false when the row is no longer ours to deliver. */
    public Uni<Boolean> attemptFailed(UUID commandId, UUID owner, Failure failure) {
        return pool.preparedQuery("UPDATE delivery SET last_error_code = $3, last_error = $4, last_attempt_at = now(), updated_at = now() "
                        + "WHERE command_id = $1 AND owner = $2 AND state = 'sending'")
                .execute(Tuple.of(commandId, owner, failure.code(), failure.summary()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Meta accepted: records the wamid. False when the row had meanwhile been settled otherwise (a duplicate send). */
    public Uni<Boolean> accepted(UUID commandId, String wamid) {
        return pool.preparedQuery("UPDATE delivery SET state = 'accepted', wamid = $2, accepted_at = COALESCE(accepted_at, now()), "
                        + "updated_at = now() WHERE command_id = $1 AND (state = 'sending' OR wamid = $2)")
                .execute(Tuple.of(commandId, wamid)).map(rows -> rows.rowCount() == 1);
    }

    /** The command is switching to its fallback template (at most once). */
    public Uni<Boolean> fallbackStarted(UUID commandId, UUID owner) {
        return pool.preparedQuery("UPDATE delivery SET fallback_used = true, updated_at = now() "
                        + "WHERE command_id = $1 AND owner = $2 AND state = 'sending' AND NOT fallback_used")
                .execute(Tuple.of(commandId, owner)).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Claims the fallback template of a command Meta reported failed with 131047: once, or again when
     * a previous fallback attempt has been silent longer than {@code staleAfter}.
     */
    public Uni<Optional<DeliveryRecord>> claimFallback(UUID commandId, UUID owner, Duration staleAfter) {
        return pool.preparedQuery("UPDATE delivery SET fallback_used = true, state = 'sending', owner = $2, attempts = attempts + 1, "
                        + "last_attempt_at = now(), updated_at = now() WHERE command_id = $1 AND fallback_template IS NOT NULL "
                        + "AND (NOT fallback_used OR (state = 'sending' AND " + STALE + ")) RETURNING " + DeliveryRecord.COLUMNS)
                .execute(Tuple.of(commandId, owner, seconds(staleAfter))).map(DeliveryRepository::first);
    }

    /** The failed-delivery record: the command was dead-lettered with this failure. */
    public Uni<Void> failed(UUID commandId, Failure failure) {
        return pool.preparedQuery("UPDATE delivery SET state = 'failed', last_error_code = $2, last_error = $3, updated_at = now() "
                        + "WHERE command_id = $1")
                .execute(Tuple.of(commandId, failure.code(), failure.summary())).replaceWithVoid();
    }

    /** Applies a status to the wamid's row when it moves the status forward. */
    public Uni<Optional<StatusApplied>> applyStatus(String wamid, String status, Instant at, Integer errorCode, String error) {
        return pool.preparedQuery("UPDATE delivery SET status = $2, status_at = $3, last_error_code = COALESCE($4, last_error_code), "
                        + "last_error = COALESCE($5, last_error), updated_at = now() "
                        + "WHERE wamid = $1 AND delivery_status_rank(status) < delivery_status_rank($2) RETURNING command_id, state")
                .execute(Tuple.of(wamid, status, utc(at), errorCode, error))
                .map(rows -> first(rows, row -> new StatusApplied(row.getUUID("command_id"), row.getString("state"))));
    }

    /**
     * A status for a wamid we never recorded, naming our command in {@code biz_opaque_callback_data}:
     * Meta accepted a send whose answer we lost (crash, timeout). Records it, so it is not sent again.
     */
    public Uni<Boolean> recover(UUID commandId, String wamid, String status, Instant at) {
        return pool.preparedQuery("UPDATE delivery SET state = 'accepted', wamid = $2, status = $3, status_at = $4, "
                        + "accepted_at = COALESCE(accepted_at, $4), updated_at = now() WHERE command_id = $1 "
                        + "AND (state = 'sending' OR (state = 'failed' AND wamid IS NULL)) AND wamid IS DISTINCT FROM $2")
                .execute(Tuple.of(commandId, wamid, status, utc(at))).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Deletes rows not touched for {@code retention}. Candidates are found by {@code command_at} (indexed, never
     * changed: an index on {@code updated_at} would make every status update a non-HOT update, V5); a row's
     * {@code updated_at} is not before its {@code command_at} (the command's time, seconds before the insert at most),
     * so no row untouched for the retention is missed.
     */
    public Uni<Integer> purge(Duration retention) {
        return pool.preparedQuery("DELETE FROM delivery WHERE command_at < now() - make_interval(secs => $1) "
                        + "AND updated_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of(seconds(retention))).map(RowSet::rowCount);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static Optional<DeliveryRecord> first(RowSet<Row> rows) {
        return first(rows, DeliveryRecord::of);
    }

    private static <T> Optional<T> first(RowSet<Row> rows, java.util.function.Function<Row, T> map) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(map.apply(it.next())) : Optional.empty();
    }
}
