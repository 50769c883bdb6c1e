package dev.seva.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole platform, started once for all end-to-end tests by the same launcher as the local run
 * ({@code ./seva up}), on its own ports and in its own state directory so it never meets a developer's
 * running platform. Stopped ({@code ./seva down}) when the test JVM ends.
 */
final class Platform {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Map<String, Integer> PORTS = Map.ofEntries(
            Map.entry("gateway-service", 28081), Map.entry("conversation-service", 28082), Map.entry("catalogue-service", 28083),
            Map.entry("document-service", 28084), Map.entry("notification-service", 28085), Map.entry("desk-service", 28086),
            Map.entry("vault-service", 28087), Map.entry("payment-service", 28088), Map.entry("whatsapp-simulator", 28090),
            Map.entry("department-revenue", 28091), Map.entry("keycloak", 28180));
    /**
     * What ./seva up starts; checked before it is called, because a missing jar makes it run a whole online
     * build of its own (./mvnw install), which the e2e run must never do behind the shared build lock's back.
     */
    static final List<String> JARS = List.of("devstack/target/devstack.jar", "vault-service/target/quarkus-app/quarkus-run.jar",
            "gateway-service/target/quarkus-app/quarkus-run.jar", "conversation-service/target/quarkus-app/quarkus-run.jar",
            "catalogue-service/target/quarkus-app/quarkus-run.jar", "document-service/target/quarkus-app/quarkus-run.jar",
            "notification-service/target/quarkus-app/quarkus-run.jar", "whatsapp-simulator/target/quarkus-app/quarkus-run.jar",
            "desk-service/target/quarkus-app/quarkus-run.jar", "departments/revenue/target/quarkus-app/quarkus-run.jar",
            "payment-service/target/quarkus-app/quarkus-run.jar");
    static final String APP_SECRET = "e2e-app-secret";
    static final String ACCESS_TOKEN = "e2e-access-token";

    private static Platform started;

    private final Path home;
    private final Process launcher;
    private final Path log;

    private Platform(Path home, Process launcher, Path log) {
        this.home = home;
        this.launcher = launcher;
        this.log = log;
    }

    static synchronized Platform get() {
        if (started == null) {
            started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "seva-down"));
        }
        return started;
    }

    private static Platform start() {
        List<String> missing = JARS.stream().filter(jar -> !Files.exists(REPO.resolve(jar))).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Build the platform first (./mvnw install -DskipTests): missing " + missing);
        }
        try {
            Path home = Files.createTempDirectory("seva-e2e-");
            Path log = Path.of("target", "seva-up.log").toAbsolutePath();
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder("bash", REPO.resolve("seva").toString(), "up")
                    .directory(REPO.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("SEVA_HOME", home.toString());
            env.put("GATEWAY_PORT", "28081");
            env.put("CONVERSATION_PORT", "28082");
            env.put("CATALOGUE_PORT", "28083");
            env.put("DOCUMENT_PORT", "28084");
            env.put("NOTIFICATION_PORT", "28085");
            env.put("SIMULATOR_PORT", "28090");
            env.put("DEPARTMENT_PORT", "28091");
            env.put("DEVSTACK_KAFKA_PORT", "29092");
            env.put("DEVSTACK_KAFKA_CONTROLLER_PORT", "29093");
            env.put("DEVSTACK_POSTGRES_PORT", "25433");
            env.put("DEVSTACK_CONTROL_PORT", "29099");
            env.put("DESK_PORT", "28086");
            env.put("PAYMENT_PORT", "28088");
            // vault-service (issue 15): ./seva starts it first and gives it, and each caller, the local run's settings
            // (VAULT_CLIENTS, HSM PINs, kek-1, SEVA_LOCAL_RUN=true, a SoftHSM2 token per process under SEVA_HOME).
            env.put("VAULT_PORT", "28087");
            // conversation-service's own vault key before it moved to vault-service (./seva no longer sets it): harmless
            // once it no longer reads it; remove then.
            env.put("AADHAAR_VAULT_KEYS", "dev1:c2V2YS1kZXZlbG9wbWVudC1hYWRoYWFyLXZhdWx0LTE=");
            env.put("DEVSTACK_KEYCLOAK_PORT", "28180");
            env.put("DEVSTACK_KEYCLOAK_MANAGEMENT_PORT", "29180");
            env.put("WHATSAPP_APP_SECRET", APP_SECRET);
            env.put("WHATSAPP_ACCESS_TOKEN", ACCESS_TOKEN);
            env.put("REVENUE_APPROVE_AFTER", "2s");
            env.put("SEVA_READY_TIMEOUT", "540");
            env.remove("KAFKA_BOOTSTRAP_SERVERS");
            env.remove("POSTGRES_HOST");
            // Derived from the ports above by ./seva; a developer's own values would point the e2e platform at theirs.
            for (String derived : new String[] {"OIDC_AUTH_SERVER_URL", "CATALOGUE_URL", "DOCUMENT_SERVICE_URL", "VERIFY_BASE_URL",
                    "WHATSAPP_API_BASE_URL", "GATEWAY_WEBHOOK_URL", "DESK_DEPARTMENTS", "REVENUE_DESK", "VAULT_URL",
                    "RAZORPAY_API_URL", "SIMULATOR_RAZORPAY_WEBHOOK_URL",
                    // The vault's and the tokens' settings come from ./seva, per process: failsafe's SOFTHSM2_CONF (target/softhsm2)
                    // would otherwise be one token directory shared by vault-service and document-service that outlives
                    // the run, and a developer's own PINs, clients or HSM library would meet the e2e platform's fresh tokens.
                    "SOFTHSM2_CONF", "VAULT_CLIENT_SECRET", "VAULT_CLIENTS", "VAULT_HSM_PIN", "VAULT_HSM_SO_PIN", "VAULT_KEK_ALIAS",
                    "VAULT_PKCS11_LIBRARY", "DOCUMENT_HSM_PIN", "DOCUMENT_HSM_SO_PIN"}) {
                env.remove(derived);
            }
            Process launcher = builder.start();
            Platform platform = new Platform(home, launcher, log);
            platform.awaitUp(Duration.ofMinutes(10));
            return platform;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String process) {
        return "http://127.0.0.1:" + PORTS.get(process);
    }

    /**
     * As a browser addresses it: {@code localhost}, the host Keycloak's issuer and the desk's redirect URIs
     * name (the desk-service client accepts http://localhost:* and http://127.0.0.1:*).
     */
    String browserUrl(String process) {
        return "http://localhost:" + PORTS.get(process);
    }

    /** Restarts one process ({@code ./seva restart}); with {@code kill} it dies at once, as in a crash. */
    void restart(String process, boolean kill) {
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", REPO.resolve("seva").toString(), "restart", process)
                    .directory(REPO.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "seva-restart.log").toFile()));
            if (kill) {
                builder.command().add("--kill");
            }
            builder.environment().put("SEVA_HOME", home.toString());
            Process restart = builder.start();
            if (!restart.waitFor(5, TimeUnit.MINUTES) || restart.exitValue() != 0) {
                throw new IllegalStateException("./seva restart " + process + " failed; see target/seva-restart.log");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitUp(Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String output = read();
            if (output.contains("Seva is up")) {
                System.out.printf("e2e platform up in %.0f s%n", (System.nanoTime() - started) / 1e9);
                return;
            }
            if (!launcher.isAlive()) {
                throw new IllegalStateException("./seva up stopped:\n" + output);
            }
            try {
                launcher.waitFor(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Seva not up after " + timeout.toMinutes() + " minutes:\n" + read());
    }

    private String read() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private void stop() {
        launcher.destroy(); // SIGTERM: the launcher stops everything it started
        try {
            if (!launcher.waitFor(90, TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
