package dev.seva.notification;

import dev.seva.notification.persistence.DeliveryRepository;
import dev.seva.notification.support.NotificationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention purge deletes a delivery untouched for the retention, and only that: tried with a row commanded and
 * last touched 40 days ago (gone), one commanded 40 days ago whose "read" came yesterday (kept), and a fresh one
 * (kept), under a 30-day retention. And status updates leave every index alone (V5): no index covers a column
 * they change.
 */
@QuarkusTest
class RetentionTest extends NotificationTest {

    @Inject
    Pool pool;

    @Inject
    DeliveryRepository deliveries;

    private UUID row(int commandedDaysAgo, int touchedDaysAgo) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO delivery (command_id, phone_number_id, recipient_hash, kind, state, attempts, owner, "
                        + "last_attempt_at, command_at, enqueued_at, updated_at) VALUES ($1, '106540352242922', '\\x00'::bytea, 'text', "
                        + "'accepted', 1, $2, now(), now() - make_interval(days => $3), now(), now() - make_interval(days => $4))")
                .execute(Tuple.of(id, UUID.randomUUID(), commandedDaysAgo, touchedDaysAgo)).await().indefinitely();
        return id;
    }

    private boolean exists(UUID id) {
        return pool.preparedQuery("SELECT 1 FROM delivery WHERE command_id = $1").execute(Tuple.of(id)).await().indefinitely().size() == 1;
    }

    @Test
    void purgesWhatWasNotTouchedForTheRetentionAndKeepsALateStatus() {
        UUID stale = row(40, 40);
        UUID lateRead = row(40, 1);
        UUID fresh = row(0, 0);

        int purged = deliveries.purge(Duration.ofDays(30)).await().indefinitely();

        assertThat(purged).isGreaterThanOrEqualTo(1);
        assertThat(exists(stale)).as("untouched for 40 days").isFalse();
        assertThat(exists(lateRead)).as("commanded 40 days ago, read yesterday").isTrue();
        assertThat(exists(fresh)).as("commanded today").isTrue();
    }

    @Test
    void noIndexCoversAColumnAStatusUpdateChanges() {
        String indexed = pool.query("SELECT string_agg(a.attname, ',') FROM pg_index i JOIN pg_attribute a "
                        + "ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) WHERE i.indrelid = 'delivery'::regclass")
                .execute().await().indefinitely().iterator().next().getString(0);
        assertThat(indexed.split(",")).doesNotContain("status", "status_at", "last_error_code", "last_error", "updated_at");
    }
}
