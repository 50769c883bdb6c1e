package dev.seva.devstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak server (the Quarkus distribution from Maven Central, unpacked by devstack's build into
 * {@code devstack/target/keycloak}) run as a child process in development mode ({@code start-dev}), with
 * the development {@code seva} realm ({@link KeycloakRealm}) imported at start.
 *
 * <p>Keycloak runs in its own home directory (a copy of the distribution): {@code start-dev} rebuilds the
 * distribution on its first start (about 7 s) and creates its H2 database (about 15 s); both stay in the home,
 * so a persistent home (the local run's {@code .seva/data/keycloak/server}) starts in about 6 s the next time.
 * The database is recreated only when the realm changed, so the realm always is what the file says.
 *
 * <p>No orphan: Keycloak runs under a small {@code sh} watchdog that reads this JVM's pipe and stops
 * Keycloak when the pipe closes, i.e. when this JVM exits however it exits (a {@code kill -9} too).
 */
public final class KeycloakServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeycloakServer.class);

    /** The distribution's version; also {@code keycloak.version} in devstack's pom. */
    public static final String VERSION = "26.5.6";
    /** The development administrator of the master realm (admin console). */
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    private static final Path PREFERRED_JAVA = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    private static final String DEFAULT_HEAP = "-Xms64m -Xmx512m";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static KeycloakServer forTests;

    private final Path home;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final Path temporaryHome;
    private final Process watchdog;

    private KeycloakServer(Path home, int port, int managementPort, Path log, Path temporaryHome, Process watchdog) {
        this.home = home;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.temporaryHome = temporaryHome;
        this.watchdog = watchdog;
    }

    /**
     * The Keycloak of this test JVM: started on first use on free ports in a temporary home (removed when
     * the JVM ends), realm ready. About 25 s on a 2-core machine; every later call returns the same server.
     */
    public static KeycloakServer forTests() {
        return startForTests().awaitRealm(Duration.ofSeconds(240));
    }

    /**
     * Like {@link #forTests()} but returns as soon as Keycloak is launched, so a test can start other
     * processes meanwhile; call {@link #awaitRealm} before the first token.
     */
    public static synchronized KeycloakServer startForTests() {
        if (forTests == null) {
            Path dir;
            try {
                dir = Files.createTempDirectory("seva-keycloak-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            forTests = launch(dir.resolve("server"), FreePorts.next(), FreePorts.next(), dir.resolve("keycloak.log"), dir, System::getenv);
            KeycloakServer server = forTests;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "keycloak-shutdown"));
        }
        return forTests;
    }

    /**
     * Starts Keycloak and returns at once (the realm is ready some seconds later: {@link #awaitRealm}).
     *
     * @param home           Keycloak's home, kept across starts (created from the distribution when missing)
     * @param port           HTTP port (loopback only)
     * @param managementPort health and metrics port (loopback only)
     * @param log            where Keycloak's output is appended
     * @param env            DEVSTACK_KEYCLOAK_JAVA_HOME, DEVSTACK_KEYCLOAK_HEAP, DEVSTACK_KEYCLOAK_DIST
     */
    public static KeycloakServer start(Path home, int port, int managementPort, Path log, Function<String, String> env) {
        return launch(home, port, managementPort, log, null, env);
    }

    private static KeycloakServer launch(Path home, int port, int managementPort, Path log, Path temporaryHome,
                                         Function<String, String> env) {
        long began = System.nanoTime();
        try {
            stopLeftover(home);
            prepareHome(home, env);
            String realm = KeycloakRealm.developmentJson();
            Path imported = home.resolve("data/import/seva-realm.json");
            Path realmHash = home.resolve("seva-realm.sha256");
            String hash = sha256(realm);
            if (!Files.exists(realmHash) || !Files.readString(realmHash).equals(hash)) {
                // --import-realm skips a realm that exists: start from an empty database so the realm is the file's.
                Devstack.deleteRecursively(home.resolve("data/h2"));
            }
            Files.createDirectories(imported.getParent());
            Files.writeString(imported, realm);
            Files.writeString(realmHash, hash);
            Files.createDirectories(log.toAbsolutePath().getParent());

            ProcessBuilder builder = supervised(home.resolve("keycloak.pid"), List.of("sh", home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port,
                    // Tokens name one issuer whatever address a client used: services are configured with localhost.
                    "--hostname=http://localhost:" + port,
                    "--http-management-port=" + managementPort, "--health-enabled=true",
                    "--import-realm"))
                    .directory(home.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("JAVA_HOME", javaHome(env).toString());
            builder.environment().put("JAVA_OPTS_KC_HEAP", Optional.ofNullable(env.apply("DEVSTACK_KEYCLOAK_HEAP")).orElse(DEFAULT_HEAP));
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            builder.environment().remove("JAVA_OPTS");
            Process process = builder.start();
            LOG.info("Keycloak {} starting on http://localhost:{} (management {}), home {}, log {} ({} ms to launch)", VERSION, port,
                    managementPort, home, log, (System.nanoTime() - began) / 1_000_000);
            return new KeycloakServer(home, port, managementPort, log, temporaryHome, process);
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak did not start", e);
        }
    }

    /**
     * {@code command} under the watchdog: started with this JVM's pipe as the watchdog's stdin (keep the
     * process's output stream open and never write to it), its pid written to {@code pidFile}.
     */
    static ProcessBuilder supervised(Path pidFile, List<String> command) {
        List<String> full = new ArrayList<>(List.of("sh", "-c", WATCHDOG, "keycloak-watchdog", pidFile.toString()));
        full.addAll(command);
        return new ProcessBuilder(full).redirectInput(ProcessBuilder.Redirect.PIPE);
    }

    /**
     * Runs Keycloak in the background and stops it (TERM, then KILL after 20 s) when stdin, the parent
     * JVM's pipe, reaches its end or the watchdog gets TERM/INT. kc.sh forwards TERM to Keycloak's JVM.
     * $1 is the pid file, the rest is the command.
     */
    private static final String WATCHDOG = String.join("\n",
            "pidfile=$1; shift",
            "exec 3<&0",
            "\"$@\" </dev/null &",
            "kc=$!",
            "echo $kc > \"$pidfile\"",
            "( while read -r _; do :; done; kill -TERM $$ ) <&3 &",
            "reader=$!",
            "exec 3<&-",
            "stop() { kill -TERM $kc 2>/dev/null; i=0; while kill -0 $kc 2>/dev/null && [ $i -lt 200 ]; do sleep 0.1; i=$((i+1)); done;"
                    + " kill -KILL $kc 2>/dev/null; kill $reader 2>/dev/null; rm -f \"$pidfile\"; exit 0; }",
            "trap stop TERM INT HUP",
            "wait $kc",
            // wait returns early when a trap runs, and the trap exits. Here Keycloak ended on its own:
            "kill $reader 2>/dev/null; rm -f \"$pidfile\"",
            "exit 0");

    /** Base URL of the server ({@code http://localhost:<port>}), the issuer's host. */
    public String url() {
        return "http://localhost:" + port;
    }

    /** The realm's URL: what services take as {@code quarkus.oidc.auth-server-url}. */
    public String realmUrl() {
        return url() + "/realms/" + KeycloakRealm.NAME;
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return watchdog.isAlive();
    }

    /** Waits until the realm's OpenID configuration answers 200. */
    public KeycloakServer awaitRealm(Duration timeout) {
        long began = System.nanoTime();
        URI discovery = URI.create(realmUrl() + "/.well-known/openid-configuration");
        Waits.until("Keycloak's realm " + KeycloakRealm.NAME + " (log " + log + ")", timeout, () -> {
            if (!watchdog.isAlive()) {
                throw new IllegalStateException("Keycloak exited while starting; see " + log);
            }
            return status(discovery) == 200;
        });
        LOG.info("Keycloak realm {} ready at {} after {} ms", KeycloakRealm.NAME, realmUrl(), (System.nanoTime() - began) / 1_000_000);
        return this;
    }

    @Override
    public void close() {
        if (watchdog.isAlive()) {
            List<ProcessHandle> tree = Stream.concat(watchdog.descendants(), Stream.of(watchdog.toHandle())).toList();
            watchdog.destroy();
            for (ProcessHandle p : tree) {
                try {
                    p.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    p.destroyForcibly();
                }
            }
        }
        if (temporaryHome != null) {
            Devstack.deleteRecursively(temporaryHome);
        }
    }

    private static int status(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A Keycloak left running by a devstack that was killed before its watchdog could act: stop it. */
    private static void stopLeftover(Path home) throws IOException {
        Path pidFile = home.resolve("keycloak.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String pid = Files.readString(pidFile).trim();
        Optional<ProcessHandle> leftover = pid.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(pid));
        leftover.filter(p -> p.info().commandLine().map(c -> c.contains(home.toString())).orElse(false)).ifPresent(p -> {
            LOG.warn("Stopping a Keycloak left running in {} (pid {})", home, p.pid());
            List<ProcessHandle> tree = Stream.concat(p.descendants(), Stream.of(p)).toList();
            p.destroy();
            tree.forEach(h -> {
                try {
                    h.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.destroyForcibly();
                }
            });
        });
        Files.deleteIfExists(pidFile);
    }

    /** Copies the distribution into {@code home} once (again when the version changes). */
    private static void prepareHome(Path home, Function<String, String> env) throws IOException {
        Path version = home.resolve("version.txt");
        if (Files.exists(version) && Files.readString(version).contains(VERSION)) {
            return;
        }
        Devstack.deleteRecursively(home);
        Path distribution = distribution(env);
        try (Stream<Path> files = Files.walk(distribution)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = home.resolve(distribution.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /**
     * The unpacked distribution: {@code DEVSTACK_KEYCLOAK_DIST}, else devstack's {@code target/keycloak}
     * (beside devstack.jar or its classes, or from a module or the repository root), else unpacked from the
     * local Maven repository (devstack's build downloaded it there).
     */
    static Path distribution(Function<String, String> env) throws IOException {
        String named = env.apply("DEVSTACK_KEYCLOAK_DIST");
        List<Path> candidates = new ArrayList<>();
        if (named != null && !named.isBlank()) {
            candidates.add(Path.of(named));
        }
        codeSource().ifPresent(source -> candidates.add(source.getParent().resolve("keycloak/keycloak-" + VERSION)));
        candidates.add(Path.of("devstack/target/keycloak/keycloak-" + VERSION));
        candidates.add(Path.of("../devstack/target/keycloak/keycloak-" + VERSION));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate.resolve("bin/kc.sh"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        Path zip = Path.of(System.getProperty("user.home"), ".m2/repository/org/keycloak/keycloak-quarkus-dist", VERSION,
                "keycloak-quarkus-dist-" + VERSION + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("No Keycloak " + VERSION + " distribution (looked in " + candidates + " and " + zip
                    + "): build devstack first (./mvnw install -DskipTests -pl devstack)");
        }
        Path unpacked = Path.of(System.getProperty("java.io.tmpdir"), "seva-keycloak-dist-" + VERSION);
        if (!Files.isRegularFile(unpacked.resolve("keycloak-" + VERSION + "/bin/kc.sh"))) {
            unzip(zip, unpacked);
        }
        return unpacked.resolve("keycloak-" + VERSION);
    }

    /** Where this class was loaded from: devstack.jar or devstack's target/classes. */
    private static Optional<Path> codeSource() {
        try {
            return Optional.of(Path.of(KeycloakServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        Path partial = Files.createTempDirectory(into.getParent(), "seva-keycloak-unpacking-");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = partial.resolve(entry.getName()).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try {
            Files.move(partial, into, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // another JVM unpacked it first
            Devstack.deleteRecursively(partial);
        }
    }

    private static Path javaHome(Function<String, String> env) {
        String named = env.apply("DEVSTACK_KEYCLOAK_JAVA_HOME");
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        // Keycloak recommends Java 21+; it also starts on 17.
        if (Files.isExecutable(PREFERRED_JAVA.resolve("bin/java"))) {
            return PREFERRED_JAVA;
        }
        return Path.of(System.getProperty("java.home"));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
