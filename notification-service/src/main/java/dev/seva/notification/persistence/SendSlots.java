package dev.seva.notification.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** The shared send slots of each business number ({@code reserve_send_slots}, see V2__deliveries.sql). */
@ApplicationScoped
public class SendSlots {

    /** How many consecutive slots were booked, and when the first is (seconds from the database's now; negative: due). */
    public record Reservation(int granted, double firstSlotInSeconds) {
    }

    private final Pool pool;

    public SendSlots(Pool pool) {
        this.pool = pool;
    }

    public Uni<Reservation> reserve(String phoneNumberId, double perSecond, Duration burst, Duration horizon, int want) {
        return pool.preparedQuery("SELECT granted, first_slot_in_seconds FROM reserve_send_slots($1, $2, $3, $4, $5)")
                .execute(Tuple.of(phoneNumberId, perSecond, burst.toNanos() / 1e9, horizon.toNanos() / 1e9, want))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Reservation(row.getInteger("granted"), row.getDouble("first_slot_in_seconds"));
                });
    }
}
