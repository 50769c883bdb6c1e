package dev.seva.notification.service;

import dev.seva.notification.config.NotificationConfig;
import dev.seva.notification.persistence.DeliveryRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Deletes, every hour, delivery records and message-log entries older than the retention, and expired media ids. */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    private final DeliveryRepository deliveries;
    private final Pool pool;
    private final Vertx vertx;
    private final NotificationConfig config;
    private long timer = -1;

    public Retention(DeliveryRepository deliveries, Pool pool, Vertx vertx, NotificationConfig config) {
        this.deliveries = deliveries;
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(60_000, 3_600_000, id -> purge());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    void purge() {
        double seconds = config.retention().toSeconds();
        deliveries.purge(config.retention())
                .chain(rows -> pool.preparedQuery("DELETE FROM message_log WHERE received_at < now() - make_interval(secs => $1)")
                        .execute(Tuple.of(seconds)).map(r -> rows + r.rowCount()))
                .chain(rows -> pool.query("DELETE FROM media_cache WHERE expires_at < now()").execute().map(r -> rows + r.rowCount()))
                .subscribe().with(rows -> LOG.debugf("Retention purge removed %d rows", rows),
                        failure -> LOG.warnf("Retention purge failed (%s); next hour again", failure.getClass().getSimpleName()));
    }
}
