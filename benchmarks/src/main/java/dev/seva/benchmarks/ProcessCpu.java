package dev.seva.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of each of the platform's processes, from the kernel's own counters ({@code /proc/<pid>/stat}:
 * user + system time, plus that of children the process has reaped, which is how PostgreSQL's exited
 * backends stay counted in their postmaster). Processes are found by {@code ./seva}'s pid files in
 * {@code $SEVA_HOME/run}, PostgreSQL (postmaster and backends) and Keycloak by theirs in {@code $SEVA_HOME/data};
 * the devstack JVM itself is the Kafka broker. The load generator (this JVM, with the Graph API
 * stand-in) is counted apart: it plays Meta and the citizens, not the platform.
 *
 * <p>Differences of two {@link #snapshot()}s give CPU milliseconds per process over a window; a
 * process that restarted inside the window (a fault run) is counted from zero, so fault runs' figures are
 * lower bounds, and the per-message table is meant for runs without faults.
 */
final class ProcessCpu {

    static final String LOAD_GENERATOR = "load generator (citizens + Graph API stand-in)";
    static final String POSTGRES = "PostgreSQL (all backends)";
    static final String KAFKA = "Kafka broker (devstack JVM)";
    static final String KEYCLOAK = "Keycloak";
    /**
     * Suffix of the entries that hold a JVM's JIT compiler threads' time (already inside the JVM's own
     * figure): a service that is still compiling is not yet at its steady cost, and the table shows by how much.
     */
    static final String JIT = " \u00b7 JIT";

    private static final long TICKS_PER_SECOND = ticksPerSecond();
    private final Path run;
    private final Path data;

    ProcessCpu(String sevaHome) {
        this.run = Path.of(sevaHome, "run");
        this.data = Path.of(sevaHome, "data");
    }

    /** CPU milliseconds used so far, per process (its name in {@code ./seva}). */
    Map<String, Long> snapshot() {
        Map<Integer, Stat> all = allProcesses();
        Map<String, Long> cpu = new LinkedHashMap<>();
        List<Path> pidFiles;
        try (Stream<Path> files = Files.list(run)) {
            pidFiles = files.filter(p -> p.getFileName().toString().endsWith(".pid")).sorted().toList();
        } catch (IOException e) {
            pidFiles = List.of();
        }
        for (Path file : pidFiles) {
            String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
            if (name.equals("seva")) {
                continue; // the launcher's shell, asleep
            }
            int pid;
            try {
                pid = Integer.parseInt(Files.readString(file).trim());
            } catch (IOException | NumberFormatException e) {
                continue;
            }
            Stat stat = all.get(pid);
            if (stat == null) {
                continue;
            }
            if (name.equals("devstack")) {
                // The devstack JVM's own time is the broker's. PostgreSQL (started by pg_ctl) and Keycloak run detached
                // from it: found by their own pid files (the first line of postmaster.pid), with their whole trees.
                cpu.put(KAFKA, stat.own());
                cpu.put(KAFKA + JIT, jitCompiling(pid));
                cpu.put(POSTGRES, tree(all, pidIn(data.resolve("postgres/postmaster.pid"))));
                cpu.put(KEYCLOAK, tree(all, pidIn(data.resolve("keycloak/server/keycloak.pid"))));
            } else {
                long total = stat.ownAndReaped();
                for (Stat child : descendants(all, pid)) {
                    total += child.ownAndReaped();
                }
                cpu.merge(name, total, Long::sum);
                cpu.merge(name + JIT, jitCompiling(pid), Long::sum);
            }
        }
        Stat self = all.get((int) ProcessHandle.current().pid());
        if (self != null) {
            cpu.put(LOAD_GENERATOR, self.own());
        }
        return cpu;
    }

    /** Starts a JFR recording ("profile" settings) of {@code seconds} in every service JVM (not the devstack's). */
    void startFlightRecordings(Path directory, int seconds) {
        try (Stream<Path> files = Files.list(run)) {
            Files.createDirectories(directory);
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".pid")).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                if (name.equals("seva")) {
                    continue;
                }
                String pid = Files.readString(file).trim();
                Process p = new ProcessBuilder("jcmd", pid, "JFR.start", "name=benchmark", "settings=profile", "duration=" + seconds + "s",
                        "filename=" + directory.resolve(name + ".jfr").toAbsolutePath()).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                p.waitFor();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the flight recordings", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** after − before, per process, in milliseconds. */
    static Map<String, Long> used(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> used = new LinkedHashMap<>();
        after.forEach((name, ms) -> used.put(name, Math.max(0, ms - before.getOrDefault(name, 0L))));
        return used;
    }

    /**
     * A Markdown table: per process, CPU % of one core over the window and ms per citizen message, and of that
     * the JIT compiler threads' share; the platform's total with and without the JIT's.
     */
    static String table(Map<String, Long> used, double seconds, long messages) {
        StringBuilder t = new StringBuilder("| process | CPU ms | % of one core | ms per citizen message | of which JIT compiling, ms per message |\n"
                + "|---|---|---|---|---|\n");
        long platform = platformTotal(used);
        long jit = used.entrySet().stream().filter(e -> e.getKey().endsWith(JIT)).mapToLong(Map.Entry::getValue).sum();
        List<Map.Entry<String, Long>> rows = new ArrayList<>(used.entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        for (Map.Entry<String, Long> e : rows) {
            if (isPlatformProcess(e.getKey())) {
                t.append(row(e.getKey(), e.getValue(), used.get(e.getKey() + JIT), seconds, messages));
            }
        }
        t.append(row("**platform total**", platform, jit, seconds, messages));
        t.append(row("platform total without JIT compiling", platform - jit, null, seconds, messages));
        t.append(row(LOAD_GENERATOR + " (not platform)", used.getOrDefault(LOAD_GENERATOR, 0L), null, seconds, messages));
        return t.toString();
    }

    /** The platform's processes' CPU, without the load generator (and without counting the JIT entries twice). */
    static long platformTotal(Map<String, Long> used) {
        return used.entrySet().stream().filter(e -> isPlatformProcess(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    private static boolean isPlatformProcess(String name) {
        return !name.equals(LOAD_GENERATOR) && !name.endsWith(JIT);
    }

    private static String row(String name, long ms, Long jitMs, double seconds, long messages) {
        return String.format(Locale.ROOT, "| %s | %d | %.1f | %s | %s |%n", name, ms, 100.0 * ms / (seconds * 1000),
                perMessage(ms, messages), jitMs == null ? "" : perMessage(jitMs, messages));
    }

    private static String perMessage(long ms, long messages) {
        return messages == 0 ? "–" : String.format(Locale.ROOT, "%.2f", (double) ms / messages);
    }

    /**
     * CPU of a JVM's JIT compiler threads ({@code /proc/<pid>/task/*}, named "C1 CompilerThre…" / "C2 CompilerThre…"),
     * 0 for a process that is not a JVM. A lower bound: the JVM stops compiler threads it no longer needs, and a
     * stopped thread's time leaves the count.
     */
    private static long jitCompiling(int pid) {
        long ms = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Integer.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                Stat thread = Stat.read(task.resolve("stat"));
                if (thread != null && (thread.comm.startsWith("C1 CompilerThre") || thread.comm.startsWith("C2 CompilerThre"))) {
                    ms += thread.own();
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return ms;
    }

    private static long tree(Map<Integer, Stat> all, int root) {
        Stat stat = all.get(root);
        if (stat == null) {
            return 0;
        }
        long total = stat.ownAndReaped();
        for (Stat child : descendants(all, root)) {
            total += child.ownAndReaped();
        }
        return total;
    }

    private static int pidIn(Path pidFile) {
        try {
            return Integer.parseInt(Files.readAllLines(pidFile).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static List<Stat> descendants(Map<Integer, Stat> all, int root) {
        Map<Integer, List<Stat>> children = new HashMap<>();
        all.values().forEach(s -> children.computeIfAbsent(s.ppid, k -> new ArrayList<>()).add(s));
        List<Stat> found = new ArrayList<>();
        List<Integer> frontier = new ArrayList<>(List.of(root));
        while (!frontier.isEmpty()) {
            int pid = frontier.remove(frontier.size() - 1);
            for (Stat child : children.getOrDefault(pid, List.of())) {
                found.add(child);
                frontier.add(child.pid);
            }
        }
        return found;
    }

    private static Map<Integer, Stat> allProcesses() {
        Map<Integer, Stat> all = new HashMap<>();
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            dirs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                Stat s = Stat.read(p.resolve("stat"));
                if (s != null) {
                    all.put(s.pid, s);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc", e);
        }
        return all;
    }

    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (Exception e) {
            return 100;
        }
    }

    /** The fields of /proc/<pid>/stat we use (man 5 proc): comm, ppid, utime, stime, cutime, cstime, in clock ticks. */
    record Stat(int pid, String comm, int ppid, long utime, long stime, long cutime, long cstime) {

        static Stat read(Path file) {
            try {
                String line = Files.readString(file);
                int open = line.indexOf('(');
                int close = line.lastIndexOf(')'); // comm may hold spaces and parentheses
                String[] f = line.substring(close + 2).split(" ");
                // f[0] is field 3 (state): field n is f[n - 3].
                return new Stat(Integer.parseInt(line.substring(0, open).trim()), line.substring(open + 1, close), Integer.parseInt(f[1]),
                        Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]));
            } catch (IOException | RuntimeException e) {
                return null; // the process ended while we read
            }
        }

        long own() {
            return (utime + stime) * 1000 / TICKS_PER_SECOND;
        }

        long ownAndReaped() {
            return (utime + stime + cutime + cstime) * 1000 / TICKS_PER_SECOND;
        }
    }
}
