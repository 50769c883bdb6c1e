package dev.seva.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The outbox relay's settings ({@code seva.outbox.*}); the database comes from the service's JDBC datasource. */
@ConfigMapping(prefix = "seva.outbox")
public interface OutboxRelayConfig {

    /** Whether this instance runs the relay (one instance at a time actually relays: leadership by advisory lock). */
    @WithDefault("true")
    boolean relayEnabled();

    /** A name unique in the PostgreSQL cluster: the replication slot, publication and offsets are named after it. */
    String relayName();

    /** How often a standby instance tries to become the relay, and how long to wait before restarting a failed engine. */
    @WithDefault("2s")
    Duration retryInterval();

    /** How long to wait for Kafka to acknowledge a batch before the engine fails and restarts (rows are re-read). */
    @WithDefault("60s")
    Duration sendTimeout();

    /** Debezium heartbeat, so the slot advances (and WAL is freed) when the outbox is idle. */
    @WithDefault("10s")
    Duration heartbeatInterval();

    /**
     * How long Debezium's streaming loop sleeps when the WAL has nothing new, and how long its queue waits for
     * a batch: the latency an idle relay adds to the first row after a pause (at most this, half on average),
     * traded against the relay's idle cost (each relay wakes twice per interval). Under load the loop does not
     * sleep while rows keep coming.
     */
    @WithDefault("20ms")
    Duration pollInterval();

    /**
     * Debezium's {@code max.batch.size}. Its queue hands a batch to the relay when this many rows are waiting or
     * when {@link #pollInterval()} has passed, whichever comes first: at 1 the relay wakes on the first row (no
     * wait for the rest of the interval, and no end-of-interval wait while rows keep coming), at the price of one
     * Kafka acknowledgement per row; a large batch suits a relay whose rows come in bursts (a catalogue
     * published at start) and are not waited for.
     */
    @WithDefault("2048")
    int maxBatchSize();

    /**
     * How often the relay saves its position (Debezium's {@code offset.flush.interval.ms}; 0: after every batch).
     * Each save is a PostgreSQL commit; after a crash, what was relayed since the last save is relayed again
     * (consumers deduplicate by eventId).
     */
    @WithDefault("1s")
    Duration offsetFlushInterval();

    /** Overrides the JDBC URL (defaults to quarkus.datasource.jdbc.url). */
    Optional<String> jdbcUrl();
}
