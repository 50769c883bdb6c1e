package dev.seva.devstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A Kafka broker and a PostgreSQL server for Seva: embedded ones started from Maven artifacts, or
 * external ones when {@code KAFKA_BOOTSTRAP_SERVERS} / {@code POSTGRES_HOST} are set.
 *
 * <p>Tests share one devstack per JVM ({@link #forTests()}): fresh ports, a fresh temporary data
 * directory, removed when the JVM ends. The local run uses {@link #standalone} with fixed ports and a
 * data directory that survives restarts.
 */
public final class Devstack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Devstack.class);
    public static final String POSTGRES_SUPERUSER = "postgres";

    private static Devstack forTests;

    private final EmbeddedKafkaBroker kafka;
    private final String bootstrapServers;
    private EmbeddedPostgresServer postgresServer;
    private final Path dataDirectory;
    private final int postgresPort;
    private final boolean keepData;
    private final PostgresAddress postgres;
    private final Path temporaryDirectory;

    private Devstack(EmbeddedKafkaBroker kafka, String bootstrapServers, EmbeddedPostgresServer postgresServer,
                     PostgresAddress postgres, Path temporaryDirectory, Path dataDirectory, boolean keepData) {
        this.dataDirectory = dataDirectory;
        this.postgresPort = postgres.port();
        this.keepData = keepData;
        this.kafka = kafka;
        this.bootstrapServers = bootstrapServers;
        this.postgresServer = postgresServer;
        this.postgres = postgres;
        this.temporaryDirectory = temporaryDirectory;
    }

    /** The devstack of this test JVM, started on first use and stopped (data removed) when the JVM exits. */
    public static synchronized Devstack forTests() {
        if (forTests == null) {
            Path dir;
            try {
                dir = Files.createTempDirectory("seva-devstack-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            forTests = start(System::getenv, dir, FreePorts.next(), FreePorts.next(), 0, false, 1, dir);
            Devstack stack = forTests;
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "devstack-shutdown"));
        }
        return forTests;
    }

    /**
     * The local run's devstack: fixed ports, data kept in {@code dataDirectory} across restarts.
     *
     * @param env where KAFKA_BOOTSTRAP_SERVERS and POSTGRES_* are read (external servers)
     */
    public static Devstack standalone(Function<String, String> env, Path dataDirectory, int kafkaPort, int controllerPort,
                                      int postgresPort) {
        // Partitions bound how many instances of one consumer group share a topic's load
        // (benchmarks run 4 conversation-service instances); 6 by default, DEVSTACK_PARTITIONS to change.
        String partitions = env.apply("DEVSTACK_PARTITIONS");
        return start(env, dataDirectory, kafkaPort, controllerPort, postgresPort, true,
                partitions == null || partitions.isBlank() ? 6 : Integer.parseInt(partitions.trim()), null);
    }

    private static Devstack start(Function<String, String> env, Path dataDirectory, int kafkaPort, int controllerPort,
                                  int postgresPort, boolean keepData, int partitions, Path temporaryDirectory) {
        long began = System.nanoTime();
        EmbeddedKafkaBroker broker = null;
        String bootstrap = env.apply("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap == null || bootstrap.isBlank()) {
            broker = new EmbeddedKafkaBroker(dataDirectory.resolve("kafka"), kafkaPort, controllerPort, partitions).start();
            bootstrap = broker.bootstrapServers();
        } else {
            LOG.info("Using the external Kafka at KAFKA_BOOTSTRAP_SERVERS");
        }
        EmbeddedPostgresServer server = null;
        PostgresAddress address;
        String externalHost = env.apply("POSTGRES_HOST");
        if (externalHost == null || externalHost.isBlank()) {
            server = EmbeddedPostgresServer.start(dataDirectory.resolve("postgres"), postgresPort, keepData);
            address = new PostgresAddress("127.0.0.1", server.port(), POSTGRES_SUPERUSER, POSTGRES_SUPERUSER);
        } else {
            address = new PostgresAddress(externalHost,
                    Integer.parseInt(Optional.ofNullable(env.apply("POSTGRES_PORT")).orElse("5432")),
                    Optional.ofNullable(env.apply("POSTGRES_USER")).orElse(POSTGRES_SUPERUSER),
                    Optional.ofNullable(env.apply("POSTGRES_PASSWORD")).orElse(""));
            LOG.info("Using the external PostgreSQL at POSTGRES_HOST");
        }
        LOG.info("Devstack ready in {} ms: Kafka {}, PostgreSQL {}:{}", (System.nanoTime() - began) / 1_000_000,
                bootstrap, address.host(), address.port());
        return new Devstack(broker, bootstrap, server, address, temporaryDirectory, dataDirectory, keepData);
    }

    public String kafkaBootstrapServers() {
        return bootstrapServers;
    }

    /** The embedded broker, to stop and restart it in fault tests; empty when the broker is external. */
    public Optional<EmbeddedKafkaBroker> embeddedKafka() {
        return Optional.ofNullable(kafka);
    }

    public PostgresAddress postgres() {
        return postgres;
    }

    /**
     * Configuration that points a Quarkus service at this devstack and its own database
     * (created if missing): Kafka, the reactive and the JDBC (Flyway, Debezium) datasource.
     */
    public Map<String, String> quarkusConfig(String database) {
        postgres.ensureDatabase(database);
        Map<String, String> config = kafkaConfig();
        config.put("quarkus.datasource.username", postgres.user());
        config.put("quarkus.datasource.password", postgres.password());
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
        config.put("seva.devstack.postgres.host", postgres.host());
        config.put("seva.devstack.postgres.port", Integer.toString(postgres.port()));
        config.put("seva.devstack.postgres.database", database);
        return config;
    }

    /** Stops the embedded broker and starts it again on the same port and data (fault runs). */
    public void restartKafka() {
        EmbeddedKafkaBroker broker = embeddedKafka().orElseThrow(() -> new IllegalStateException("the broker is external"));
        broker.stop();
        broker.start();
    }

    /** Stops the embedded PostgreSQL and starts it again on the same port and data (fault runs). */
    public synchronized void restartPostgres() {
        if (postgresServer == null) {
            throw new IllegalStateException("PostgreSQL is external");
        }
        postgresServer.close();
        postgresServer = EmbeddedPostgresServer.start(dataDirectory.resolve("postgres"), postgresPort, true);
    }

    /** Configuration that points a Quarkus service at this devstack's broker. */
    public Map<String, String> kafkaConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", bootstrapServers);
        return config;
    }

    @Override
    public synchronized void close() {
        if (kafka != null) {
            try {
                kafka.close();
            } catch (RuntimeException e) {
                LOG.warn("Kafka broker did not stop cleanly", e);
            }
        }
        if (postgresServer != null) {
            try {
                postgresServer.close();
            } catch (RuntimeException e) {
                LOG.warn("PostgreSQL did not stop cleanly", e);
            }
        }
        if (temporaryDirectory != null) {
            deleteRecursively(temporaryDirectory);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a file still held open is removed with the temp directory later
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not remove {}", dir, e);
        }
    }
}
