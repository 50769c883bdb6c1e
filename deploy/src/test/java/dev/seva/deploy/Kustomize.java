package dev.seva.deploy;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Renders the kustomize overlays with {@code kubectl kustomize}, as an SRE would before applying them.
 * kubectl (with kustomize v5) is on every machine of ours; where it is missing the checks cannot run:
 * in CI ({@code SEVA_CI=true} or {@code CI=true}) that fails the build, elsewhere it skips loudly.
 */
final class Kustomize {

    /** deploy/ (the module's folder: Surefire runs in it). */
    static final Path DEPLOY = Path.of(System.getProperty("seva.deploy.dir", System.getProperty("user.dir"))).toAbsolutePath();

    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)\\.");
    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();
    private static volatile String unavailable;
    private static volatile boolean checked;
    private static volatile boolean warned;

    private Kustomize() {
    }

    /** The overlays under deploy/overlays, each checked by every test. */
    static List<String> overlays() {
        try (Stream<Path> dirs = Files.list(DEPLOY.resolve("overlays"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("No overlays under " + DEPLOY, e);
        }
    }

    /** The overlay's manifests as kubectl prints them (multi-document YAML). */
    static String render(String overlay) {
        requireKubectl();
        return RENDERED.computeIfAbsent(overlay, o -> run("kubectl", "kustomize", DEPLOY.resolve("overlays").resolve(o).toString()));
    }

    private static void requireKubectl() {
        if (!checked) {
            synchronized (Kustomize.class) {
                if (!checked) {
                    unavailable = whyUnavailable();
                    checked = true;
                }
            }
        }
        if (unavailable == null) {
            return;
        }
        if (inCi()) {
            Assertions.fail(unavailable + " CI must render the manifests: install kubectl (kustomize v5+) on the CI machine.");
        }
        if (!warned) {
            warned = true;
            System.err.println("\n*** SKIPPED deploy/ manifest checks: " + unavailable
                    + " Install kubectl (kustomize v5+) to run them; CI never skips them. ***\n");
        }
        Assumptions.abort(unavailable);
    }

    private static String whyUnavailable() {
        String version;
        try {
            version = run("kubectl", "version", "--client");
        } catch (IllegalStateException e) {
            return "kubectl is not available (" + e.getMessage() + ").";
        }
        Matcher m = KUSTOMIZE_VERSION.matcher(version);
        if (!m.find() || Integer.parseInt(m.group(1)) < 5) {
            return "kubectl's kustomize is older than v5 (" + version.strip().replace('\n', ' ') + ").";
        }
        return null;
    }

    static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("SEVA_CI")) || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static String run(String... command) {
        try {
            Path err = Files.createTempFile("kubectl", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in 120 s");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ": "
                            + Files.readString(err, StandardCharsets.UTF_8).strip());
                }
                return out;
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
