package dev.seva.privacy.hsm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SoftHSM2, the software PKCS#11 token from Debian's packages, for the local run and tests: finds the
 * library and {@code softhsm2-util} (installed, or fetched once with {@code apt-get download} and
 * unpacked under {@code ~/.cache/seva/softhsm2}, which needs no root), writes the configuration that
 * {@code SOFTHSM2_CONF} names if it is missing, and initialises the token with the given label and
 * PINs on first use. Production points the same {@link Pkcs11Token} at its HSM instead.
 *
 * <p>SoftHSM2 reads {@code SOFTHSM2_CONF} when the library is first loaded, from the process's
 * environment: a JVM cannot set its own, so the process that opens the token must be started with it
 * (the launcher, the e2e harness and surefire do).
 */
public final class SoftHsm {

    private static final List<String> LIBRARIES = List.of(
            "usr/lib/softhsm/libsofthsm2.so",
            "usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
            "usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so");
    private static final Pattern SLOT = Pattern.compile("^Slot (\\d+)\\s*$", Pattern.MULTILINE);
    private static final Pattern INITIALIZED = Pattern.compile("^\\s+Initialized:\\s+yes", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("^\\s+Label:\\s+(.*?)\\s*$", Pattern.MULTILINE);

    private SoftHsm() {
    }

    /** The token labelled {@code label}, initialised if new, opened and logged in. */
    public static Pkcs11Token token(String label, String userPin, String soPin) {
        Installation installation = installation();
        writeConfigurationIfMissing();
        Long slot = slotOf(installation, label);
        if (slot == null) {
            run(installation, List.of("--init-token", "--free", "--label", label, "--so-pin", soPin, "--pin", userPin));
            slot = slotOf(installation, label);
            if (slot == null) {
                throw new IllegalStateException("SoftHSM2 did not list the token " + label + " it just initialised");
            }
        }
        return Pkcs11Token.open(new Pkcs11Token.Settings(installation.library(), slot, userPin.toCharArray()));
    }

    /** Where SoftHSM2 is on this machine. */
    public record Installation(Path library, Path util) {
    }

    /** The installed SoftHSM2, else one fetched from Debian's packages into the user's cache. */
    public static synchronized Installation installation() {
        Optional<Installation> found = find(Path.of("/"));
        if (found.isPresent()) {
            return found.get();
        }
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "seva", "softhsm2");
        found = find(cache);
        if (found.isPresent()) {
            return found.get();
        }
        fetch(cache);
        return find(cache).orElseThrow(() -> new IllegalStateException(
                "SoftHSM2 is not installed and could not be fetched: apt-get install softhsm2"));
    }

    private static Optional<Installation> find(Path root) {
        Path util = root.resolve("usr/bin/softhsm2-util");
        for (String candidate : LIBRARIES) {
            Path library = root.resolve(candidate);
            if (Files.isRegularFile(library) && Files.isExecutable(util)) {
                return Optional.of(new Installation(library, util));
            }
        }
        return Optional.empty();
    }

    private static void fetch(Path cache) {
        try {
            Path downloads = Files.createDirectories(cache.resolve("debs"));
            exec(downloads, List.of("apt-get", "download", "softhsm2", "libsofthsm2", "softhsm2-common"), 300);
            try (var debs = Files.list(downloads)) {
                for (Path deb : debs.filter(p -> p.toString().endsWith(".deb")).toList()) {
                    exec(downloads, List.of("dpkg-deb", "-x", deb.toString(), cache.toString()), 120);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("SoftHSM2 could not be fetched into " + cache, e);
        }
    }

    /** Writes the file {@code SOFTHSM2_CONF} names, with its tokens beside it, unless it exists. */
    static void writeConfigurationIfMissing() {
        String configured = System.getenv("SOFTHSM2_CONF");
        if (configured == null || configured.isBlank()) {
            return; // the system's /etc/softhsm/softhsm2.conf
        }
        Path conf = Path.of(configured);
        if (Files.exists(conf)) {
            return;
        }
        try {
            Path tokens = Files.createDirectories(conf.toAbsolutePath().getParent().resolve("tokens"));
            Files.writeString(conf, "directories.tokendir = " + tokens + "\n"
                    + "objectstore.backend = file\n"
                    + "log.level = ERROR\n"
                    + "slots.removable = false\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the SoftHSM2 configuration " + conf, e);
        }
    }

    private static Long slotOf(Installation installation, String label) {
        String slots = run(installation, List.of("--show-slots"));
        List<Integer> starts = new ArrayList<>();
        Matcher slot = SLOT.matcher(slots);
        while (slot.find()) {
            starts.add(slot.start());
        }
        for (int i = 0; i < starts.size(); i++) {
            String section = slots.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : slots.length());
            Matcher id = SLOT.matcher(section);
            Matcher name = LABEL.matcher(section);
            if (id.find() && name.find() && name.group(1).equals(label) && INITIALIZED.matcher(section).find()) {
                return Long.parseLong(id.group(1));
            }
        }
        return null;
    }

    private static String run(Installation installation, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(installation.util().toString());
        command.add("--module");
        command.add(installation.library().toString());
        command.addAll(arguments);
        return exec(null, command, 60);
    }

    private static String exec(Path directory, List<String> command, int timeoutSeconds) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " timed out");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                // PINs are arguments of --init-token: never echo the command, only what it said.
                throw new IllegalStateException(Path.of(command.get(0)).getFileName() + " failed (" + process.exitValue() + "): " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running " + command.get(0), e);
        }
    }
}
