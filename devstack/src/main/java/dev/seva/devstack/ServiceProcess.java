package dev.seva.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Seva service run as its own process from its packaged jar ({@code <module>/target/quarkus-app/quarkus-run.jar}),
 * for tests that need a real neighbour (conversation-service's tests talk to the real catalogue-service)
 * and for the end-to-end tests. Listens on a free port; its log goes to {@code target/<name>.log}.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final Map<String, String> environment;
    private final int port;
    private final Path log;
    private Process process;

    private ServiceProcess(String name, Path jar, Map<String, String> environment, int port, Path log) {
        this.name = name;
        this.jar = jar;
        this.environment = environment;
        this.port = port;
        this.log = log;
    }

    /** Finds the module's jar from a module directory or the repository root. */
    public static Path jarOf(String module) {
        for (Path base : List.of(Path.of(".."), Path.of("."))) {
            Path candidate = base.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException(module + " is not packaged: build it first (./mvnw install -DskipTests -pl " + module + " -am)");
    }

    /** Starts the service and waits until its readiness is UP. */
    public static ServiceProcess start(String name, Path jar, Map<String, String> environment, Duration timeout) {
        int port = FreePorts.next();
        Path log = Path.of("target", name + ".log").toAbsolutePath();
        ServiceProcess service = new ServiceProcess(name, jar, environment, port, log);
        service.launch();
        service.awaitReady(timeout);
        return service;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Kills the process at once (SIGKILL), as a crash would. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(15));
        }
    }

    /** Starts it again on the same port, with the same environment. */
    public void restart(Duration timeout) {
        close();
        launch();
        awaitReady(timeout);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(20))) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(10));
            }
        }
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms32m", "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().putIfAbsent("LOG_JSON", "false");
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, name + "-stop"));
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited while starting; see " + log);
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s; see " + log);
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The environment that points a service at this devstack (its own database on it). */
    public static Map<String, String> devstackEnvironment(Devstack devstack, String database) {
        devstack.postgres().ensureDatabase(database);
        PostgresAddress pg = devstack.postgres();
        return new java.util.HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", devstack.kafkaBootstrapServers(),
                "POSTGRES_HOST", pg.host(),
                "POSTGRES_PORT", Integer.toString(pg.port()),
                "POSTGRES_USER", pg.user(),
                "POSTGRES_PASSWORD", pg.password(),
                // The devstack is the local run: its services hold development secrets on purpose (web-support's guard).
                "SEVA_LOCAL_RUN", "true"));
    }
}
