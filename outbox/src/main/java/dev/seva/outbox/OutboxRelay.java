package dev.seva.outbox;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Relays the outbox to Kafka with Debezium's embedded PostgreSQL connector (pgoutput): inserts into
 * {@code outbox} are read from the WAL in commit order and produced with an idempotent, acks=all
 * producer; offsets (kept in {@code outbox_relay_offset}) advance only after Kafka acknowledged.
 * A crash between commit and relay loses nothing: the replication slot keeps the WAL until then.
 *
 * <p>Only one instance of a service relays at a time: the one holding a PostgreSQL advisory lock
 * (the replication slot admits one reader anyway); the others stand by and take over when it dies.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Pattern JDBC_URL = Pattern.compile("^jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*$");

    /** What the relay is doing, for the readiness check and operators. */
    public enum State { STOPPED, STANDBY, RUNNING, FAILED }

    public record Status(State state, String detail, Instant since) {
    }

    @Inject
    OutboxRelayConfig config;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String datasourceUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "")
    String password;

    private final AtomicReference<Status> status = new AtomicReference<>(new Status(State.STOPPED, "not started", Instant.now()));
    private final AtomicReference<DebeziumEngine<ChangeEvent<String, String>>> engine = new AtomicReference<>();
    private volatile boolean stopping;
    private Thread loop;
    private KafkaProducer<String, String> producer;
    /** Ids of rows written before the replication slot existed: published by a sweep, not by the stream. */
    private final java.util.Set<UUID> unstreamed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Before the application writes anything: the publication and the replication slot exist, so every
     * outbox row committed from now on is kept in the WAL for the relay, even if the engine starts
     * later. (Debezium would create the slot itself, but only when its engine starts: rows written
     * before that, such as a catalogue seeded at start-up, would never be seen.)
     */
    void prepare(@Observes @Priority(1) StartupEvent event) {
        if (!config.relayEnabled()) {
            return;
        }
        try {
            ensureSlot();
        } catch (SQLException e) {
            LOG.warnf("Outbox relay %s: could not prepare the replication slot (%s); the relay will try when it starts",
                    config.relayName(), e.getMessage());
        }
    }

    /**
     * Creates the publication and the slot when missing. Rows already in the table when the slot is
     * created will never appear in its stream (a first start after seeding, or a slot that was lost):
     * their ids are kept so the relay publishes them before it streams. Rows written later are streamed
     * and are not swept, so a normal restart publishes nothing twice.
     */
    private synchronized void ensureSlot() throws SQLException {
        String slot = slotName(config.relayName());
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), user, password);
             java.sql.Statement st = connection.createStatement()) {
            boolean publishesMoreThanInserts = false;
            try (ResultSet rs = st.executeQuery("SELECT pubupdate OR pubdelete OR pubtruncate FROM pg_publication WHERE pubname = '"
                    + slot + "'")) {
                if (!rs.next()) {
                    createIgnoringRace(st, "CREATE PUBLICATION " + slot + " FOR TABLE public.outbox WITH (publish = 'insert')");
                } else {
                    publishesMoreThanInserts = rs.getBoolean(1);
                }
            }
            if (publishesMoreThanInserts) {
                // Only inserts are relayed: without this, the walsender also decodes and streams the relayed rows'
                // deletes (one per row), which the relay then skips. For publications made before; an ALTER at every
                // start would take a lock on the outbox table for nothing.
                st.execute("ALTER PUBLICATION " + slot + " SET (publish = 'insert')");
            }
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            if (!createIgnoringRace(st, "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')")) {
                return;
            }
            // Stored offsets point into the old slot's stream, which is gone: start from the new slot.
            try (PreparedStatement forget = connection.prepareStatement("DELETE FROM outbox_relay_offset WHERE relay_name = ?")) {
                forget.setString(1, config.relayName());
                forget.executeUpdate();
            }
            // Read after the slot exists: a row committed in between is both swept and streamed
            // (consumers deduplicate by event id); read before, it could be lost.
            try (ResultSet rs = st.executeQuery("SELECT id FROM outbox")) {
                while (rs.next()) {
                    unstreamed.add((UUID) rs.getObject(1));
                }
            }
            LOG.infof("Outbox relay %s: replication slot %s created; %d row(s) written before it will be published first",
                    config.relayName(), slot, unstreamed.size());
        }
    }

    /** Returns false when another instance created the object at the same moment. */
    private static boolean createIgnoringRace(java.sql.Statement st, String sql) throws SQLException {
        try {
            st.execute(sql);
            return true;
        } catch (SQLException e) {
            if ("42710".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            status.set(new Status(State.STOPPED, "disabled by seva.outbox.relay-enabled=false", Instant.now()));
            return;
        }
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer());
        stopping = false;
        loop = new Thread(this::leadAndRelay, "outbox-relay");
        loop.setDaemon(true);
        loop.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        closeEngine();
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
        status.set(new Status(State.STOPPED, "application stopped", Instant.now()));
    }

    public Status status() {
        return status.get();
    }

    /** Stops relaying (as a crash after commit would): committed rows wait in the WAL. For operators and tests. */
    public void pause() {
        onStop(null);
    }

    /** Starts relaying again from the stored offsets. */
    public void resume() {
        onStart(null);
    }

    /** Stand by until this instance holds the relay lock, then run the engine; restart it after a failure. */
    private void leadAndRelay() {
        String url = jdbcUrl();
        while (!stopping) {
            try (Connection lockConnection = DriverManager.getConnection(url, user, password)) {
                if (!tryLock(lockConnection)) {
                    setStatus(State.STANDBY, "another instance relays");
                    waitBeforeRetry();
                    continue;
                }
                setStatus(State.RUNNING, "relaying as " + config.relayName());
                runEngine(url);
                if (!stopping) {
                    waitBeforeRetry();
                }
            } catch (SQLException | RuntimeException e) {
                if (!stopping) {
                    setStatus(State.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
                    LOG.warnf("Outbox relay %s failed, retrying in %s: %s", config.relayName(), config.retryInterval(), e.getMessage());
                    waitBeforeRetry();
                }
            }
        }
    }

    private void runEngine(String url) {
        RelayBatchHandler handler = new RelayBatchHandler(producer, url, user, password, config.sendTimeout(), registry);
        try {
            ensureSlot();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the replication slot: " + e.getMessage(), e);
        }
        if (!unstreamed.isEmpty()) {
            List<UUID> ids = List.copyOf(unstreamed);
            int swept = handler.sweep(ids);
            unstreamed.removeAll(ids);
            LOG.infof("Outbox relay %s: %d row(s) written before the slot existed were published", config.relayName(), swept);
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        DebeziumEngine<ChangeEvent<String, String>> built = DebeziumEngine.create(Json.class)
                .using(engineProperties(url))
                .notifying(handler)
                .using((success, message, error) -> {
                    if (!success) {
                        failure.set(error != null ? error : new IllegalStateException(message));
                    }
                })
                .build();
        engine.set(built);
        try {
            if (stopping) {
                return;
            }
            built.run(); // blocks until closed or failed
        } finally {
            engine.set(null);
            handler.close();
            closeQuietly(built);
        }
        if (failure.get() != null && !stopping) {
            throw new IllegalStateException("Debezium engine stopped: " + failure.get().getMessage(), failure.get());
        }
    }

    private Properties engineProperties(String url) {
        Matcher m = JDBC_URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException("Not a PostgreSQL JDBC URL: " + url);
        }
        String name = config.relayName();
        Properties p = new Properties();
        p.setProperty("name", name);
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", JdbcOffsetBackingStore.class.getName());
        p.setProperty(JdbcOffsetBackingStore.URL, url);
        p.setProperty(JdbcOffsetBackingStore.USER, user);
        p.setProperty(JdbcOffsetBackingStore.PASSWORD, password == null ? "" : password);
        p.setProperty(JdbcOffsetBackingStore.RELAY, name);
        // Offsets (the replication slot's confirmed position) are saved at most this often, not after every batch: a
        // crash relays again what came after the last save, and consumers deduplicate by eventId, as after any crash.
        p.setProperty("offset.flush.interval.ms", Long.toString(config.offsetFlushInterval().toMillis()));
        p.setProperty("database.hostname", m.group(1));
        p.setProperty("database.port", m.group(2) == null ? "5432" : m.group(2));
        p.setProperty("database.user", user);
        p.setProperty("database.password", password == null ? "" : password);
        p.setProperty("database.dbname", m.group(3));
        p.setProperty("topic.prefix", name);
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", slotName(name));
        p.setProperty("publication.name", slotName(name));
        p.setProperty("publication.autocreate.mode", "filtered");
        p.setProperty("table.include.list", "public.outbox");
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("skipped.operations", "u,d,t");
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("heartbeat.interval.ms", Long.toString(config.heartbeatInterval().toMillis()));
        p.setProperty("converter.schemas.enable", "false");
        p.setProperty("key.converter.schemas.enable", "false");
        p.setProperty("value.converter.schemas.enable", "false");
        int batch = Math.max(1, config.maxBatchSize());
        p.setProperty("max.batch.size", Integer.toString(batch));
        // Debezium requires its queue to hold more than one batch.
        p.setProperty("max.queue.size", Integer.toString(Math.max(8192, 4 * batch)));
        p.setProperty("poll.interval.ms", Long.toString(Math.max(1, config.pollInterval().toMillis())));
        p.setProperty("errors.max.retries", "0");
        return p;
    }

    /** Replication slots and publications are cluster-wide: one per service, in lower-case letters, digits and underscores. */
    static String slotName(String relayName) {
        return ("seva_outbox_" + relayName).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            st.setString(1, "seva-outbox-relay:" + config.relayName());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> p = new HashMap<>(kafkaConfig);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + config.relayName());
        p.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        p.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return p;
    }

    private String jdbcUrl() {
        return config.jdbcUrl().orElse(datasourceUrl);
    }

    private void setStatus(State state, String detail) {
        Status current = status.get();
        if (current.state() != state || !current.detail().equals(detail)) {
            status.set(new Status(state, detail, Instant.now()));
            LOG.infof("Outbox relay %s: %s (%s)", config.relayName(), state, detail);
        }
    }

    private void waitBeforeRetry() {
        try {
            Thread.sleep(config.retryInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeEngine() {
        DebeziumEngine<ChangeEvent<String, String>> running = engine.get();
        if (running != null) {
            closeQuietly(running);
        }
    }

    private static void closeQuietly(DebeziumEngine<?> engine) {
        try {
            engine.close();
        } catch (Exception e) {
            LOG.debug("Closing the Debezium engine", e);
        }
    }
}
