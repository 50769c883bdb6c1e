package dev.seva.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The local run's devstack as its own process: {@code java -jar devstack/target/devstack.jar [data-dir]}.
 *
 * <p>Fixed ports (override with the environment): Kafka {@code DEVSTACK_KAFKA_PORT} (9092), its KRaft
 * controller {@code DEVSTACK_KAFKA_CONTROLLER_PORT} (9093), PostgreSQL {@code DEVSTACK_POSTGRES_PORT}
 * (15432, user and password {@code postgres}). Creates the databases in {@code DEVSTACK_DATABASES}.
 * With {@code DEVSTACK_CONTROL_PORT}, {@code POST /kafka/restart} and {@code POST /postgres/restart} on
 * that loopback port restart one server (fault runs of the benchmarks).
 * Creates the look-up topics of the departments in {@code DEVSTACK_LOOKUP_DEPARTMENTS} (default: the
 * catalogue's twelve) on the embedded broker, so that pattern subscribers see them from the start ({@link LookupTopics}).
 * Data stays in the data directory (default {@code .seva/data}) across restarts. Prints
 * {@code DEVSTACK READY} when both servers accept connections; stops them cleanly on SIGTERM or Ctrl-C.
 *
 * <p>Then (unless {@code DEVSTACK_KEYCLOAK=false}) a real Keycloak with the development {@code seva} realm,
 * started after Kafka and PostgreSQL so it never delays them: HTTP {@code DEVSTACK_KEYCLOAK_PORT} (8180),
 * management {@code DEVSTACK_KEYCLOAK_MANAGEMENT_PORT} (9180), its home in {@code <data>/keycloak/server},
 * its log in {@code DEVSTACK_KEYCLOAK_LOG} (default {@code <data>/keycloak/keycloak.log}). Prints
 * {@code KEYCLOAK READY <realm url>} when the realm answers.
 */
public final class DevstackMain {

    static final List<String> DEFAULT_DATABASES = List.of("conversation", "catalogue", "document", "notification", "desk", "vault", "payment");

    private DevstackMain() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : ".seva/data").toAbsolutePath();
        Files.createDirectories(data);
        int kafkaPort = intEnv("DEVSTACK_KAFKA_PORT", 9092);
        int controllerPort = intEnv("DEVSTACK_KAFKA_CONTROLLER_PORT", 9093);
        int postgresPort = intEnv("DEVSTACK_POSTGRES_PORT", 15432);
        String databases = System.getenv().getOrDefault("DEVSTACK_DATABASES", String.join(",", DEFAULT_DATABASES));

        Devstack devstack = Devstack.standalone(System::getenv, data, kafkaPort, controllerPort, postgresPort);
        AtomicReference<KeycloakServer> keycloak = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Optional.ofNullable(keycloak.get()).ifPresent(KeycloakServer::close);
            devstack.close();
            System.out.println("DEVSTACK STOPPED");
            stopped.countDown();
        }, "devstack-shutdown"));

        Arrays.stream(databases.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(devstack.postgres()::ensureDatabase);

        // Before DEVSTACK READY, so every service's pattern subscription sees them at its start (LookupTopics).
        if (devstack.embeddedKafka().isPresent()) {
            Set<String> created = LookupTopics.ensure(devstack.kafkaBootstrapServers(),
                    LookupTopics.topics(LookupTopics.departments(System::getenv)));
            if (!created.isEmpty()) {
                System.out.println("DEVSTACK created " + created.size() + " look-up topics");
            }
        }

        int control = intEnv("DEVSTACK_CONTROL_PORT", 0);
        if (control > 0) {
            DevstackControl.start(devstack, control);
        }
        if (!"false".equalsIgnoreCase(System.getenv().getOrDefault("DEVSTACK_KEYCLOAK", "true").trim())) {
            keycloak.set(startKeycloak(data));
        }
        PostgresAddress pg = devstack.postgres();
        System.out.println("DEVSTACK READY kafka=" + devstack.kafkaBootstrapServers()
                + " postgres=" + pg.host() + ":" + pg.port() + " databases=" + databases + " data=" + data);
        System.out.flush();
        stopped.await();
    }

    /** Launches Keycloak and reports its realm's readiness from a thread: DEVSTACK READY does not wait for it. */
    private static KeycloakServer startKeycloak(Path data) {
        Path log = Path.of(System.getenv().getOrDefault("DEVSTACK_KEYCLOAK_LOG", data.resolve("keycloak/keycloak.log").toString()));
        KeycloakServer server = KeycloakServer.start(data.resolve("keycloak/server"), intEnv("DEVSTACK_KEYCLOAK_PORT", 8180),
                intEnv("DEVSTACK_KEYCLOAK_MANAGEMENT_PORT", 9180), log, System::getenv);
        long began = System.nanoTime();
        Thread waiter = new Thread(() -> {
            try {
                server.awaitRealm(Duration.ofSeconds(300));
                System.out.println("KEYCLOAK READY " + server.realmUrl() + " in " + (System.nanoTime() - began) / 1_000_000 + " ms");
            } catch (RuntimeException e) {
                System.out.println("KEYCLOAK FAILED " + e.getMessage());
            }
            System.out.flush();
        }, "keycloak-ready");
        waiter.setDaemon(true);
        waiter.start();
        return server;
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
