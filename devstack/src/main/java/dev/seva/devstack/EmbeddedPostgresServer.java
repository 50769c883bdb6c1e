package dev.seva.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL 17 server (zonky's binaries from Maven Central) running as a child process,
 * with logical WAL so Debezium can read the outbox through pgoutput.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** How long a stop may take before the postmaster is killed: a fast shutdown under load waits for a checkpoint and the walsenders. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * @param dataDirectory where the cluster lives
     * @param port          fixed port, or 0 for a free one
     * @param keepData      true to reuse an existing cluster (local run), false to start from scratch (tests)
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, boolean keepData) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(!keepData)
                    .setPort(port == 0 ? FreePorts.next() : port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_wal_senders", "20")
                    .setServerConfig("max_replication_slots", "20")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "64MB")
                    .setServerConfig("fsync", keepData ? "on" : "off")
                    .setServerConfig("synchronous_commit", keepData ? "on" : "off")
                    .setServerConfig("full_page_writes", keepData ? "on" : "off");
            return new EmbeddedPostgresServer(builder.start(), dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /**
     * Stops the server and returns only once the postmaster has exited. zonky's stop ({@code pg_ctl stop
     * -m fast -t 5}) gives up after 5 s and leaves the server shutting down (under load the shutdown
     * checkpoint and the walsenders take longer), so a start right after it found the old postmaster
     * still holding the data directory and the port: the restart in fault runs failed.
     */
    @Override
    public void close() {
        Optional<ProcessHandle> postmaster = postmaster();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        postmaster.ifPresent(process -> {
            try {
                process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                process.destroyForcibly();
                process.onExit().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Could not wait for PostgreSQL to stop", e.getCause());
            }
        });
    }

    /** The running postmaster, from the first line of {@code postmaster.pid}. */
    private Optional<ProcessHandle> postmaster() {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            return firstLine.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(firstLine));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
