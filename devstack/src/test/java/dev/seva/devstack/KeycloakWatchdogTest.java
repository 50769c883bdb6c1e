package dev.seva.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watchdog that keeps Keycloak from outliving the devstack, with {@code sleep} standing in for
 * Keycloak: closing the pipe is what the kernel does when the devstack's JVM dies, {@code kill -9} included.
 */
class KeycloakWatchdogTest {

    @Test
    void stopsTheServerWhenTheParentsPipeCloses(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("server.pid");
        Process watchdog = KeycloakServer.supervised(pidFile, List.of("sleep", "300")).start();
        ProcessHandle server = awaitServer(pidFile);
        try {
            watchdog.getOutputStream().close();

            await().atMost(Duration.ofSeconds(10)).until(() -> !server.isAlive() && !watchdog.isAlive());
            assertThat(pidFile).doesNotExist();
        } finally {
            server.destroyForcibly();
            watchdog.destroyForcibly();
        }
    }

    @Test
    void stopsTheServerWhenTheWatchdogIsTerminated(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("server.pid");
        Process watchdog = KeycloakServer.supervised(pidFile, List.of("sleep", "300")).start();
        ProcessHandle server = awaitServer(pidFile);
        try {
            watchdog.destroy();

            await().atMost(Duration.ofSeconds(10)).until(() -> !server.isAlive() && !watchdog.isAlive());
            assertThat(pidFile).doesNotExist();
        } finally {
            server.destroyForcibly();
            watchdog.destroyForcibly();
        }
    }

    private static ProcessHandle awaitServer(Path pidFile) {
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
        Optional<ProcessHandle> server = ProcessHandle.of(Long.parseLong(readPid(pidFile)));
        assertThat(server).as("the supervised process runs").hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        return server.orElseThrow();
    }

    private static String readPid(Path pidFile) {
        try {
            return Files.readString(pidFile).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
