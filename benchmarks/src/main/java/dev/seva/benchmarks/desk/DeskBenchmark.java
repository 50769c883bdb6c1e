package dev.seva.benchmarks.desk;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Officers working one department's desk at once, closed loop: each of {@code --officers} threads
 * (signed in as {@code officer.<d>} or {@code supervisor.<d>}, bearer tokens through {@code seva-cli})
 * opens the queue page, lists the queue through the API (sometimes filtered: service, district,
 * assigned=me, overdue, a later page), opens an application and acts on some (accept, note, assign),
 * with a think time between requests. Officers work the head of the queue they just saw, so two of them
 * often act on one application at once: the desk's 409 is expected and counted apart from errors.
 * Latency per kind (HdrHistogram, from send to the last byte of the body), throughput, and statuses;
 * only to the loopback address, bounded in time ({@code --warmup-seconds} + {@code --seconds}).
 *
 * <pre>java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' dev.seva.benchmarks.desk.DeskBenchmark \
 *   --desk http://127.0.0.1:38086 --realm http://127.0.0.1:38180/realms/seva --department apsrtc \
 *   --officers 50 --warmup-seconds 15 --seconds 60 --think-ms 500 --open 100000</pre>
 */
public final class DeskBenchmark {

    enum Kind {
        QUEUE_PAGE("queue page (HTML)"), API_QUEUE("API queue, unfiltered"), API_FILTERED("API queue, filtered / later page"),
        API_APPLICATION("API one application"), API_ACTION("API action");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** One kind's figures; each worker thread has its own, merged at the end (no contention while measuring). */
    static final class Stats {
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        final Map<Integer, Long> statuses = new TreeMap<>();

        void add(long micros, int status) {
            latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
            statuses.merge(status, 1L, Long::sum);
        }

        void merge(Stats other) {
            latency.add(other.latency);
            other.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
        }
    }

    private static final Pattern SUMMARY = Pattern.compile(
            "\"reference\":\"([^\"]+)\",\"departmentId\":\"[^\"]*\",\"serviceId\":\"[^\"]*\",\"serviceName\":\"[^\"]*\",\"status\":\"([^\"]+)\"");
    private static final String[] DISTRICTS = {"Krishna", "Guntur", "NTR", "Visakhapatnam", "Tirupati", "Kurnool", "Nellore", "Eluru"};
    private static final String[] SERVICES = {"rtc-student-bus-pass", "rtc-bus-pass-renewal", "rtc-general-bus-pass"};

    private final HttpClient http;
    private final PasswordTokens tokens;
    private final String desk;
    private final String department;
    private final int thinkMillis;
    private final int openApplications;
    private final String referencePattern;
    private volatile long measureFrom;
    private volatile long measureUntil;

    private DeskBenchmark(HttpClient http, PasswordTokens tokens, String desk, String department, int thinkMillis, int openApplications,
                          String referencePattern) {
        this.http = http;
        this.tokens = tokens;
        this.desk = desk;
        this.department = department;
        this.thinkMillis = thinkMillis;
        this.openApplications = openApplications;
        this.referencePattern = referencePattern;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = args(args);
        String desk = a.getOrDefault("desk", "http://127.0.0.1:38086");
        String realm = a.getOrDefault("realm", "http://127.0.0.1:38180/realms/seva");
        for (String url : List.of(desk, realm)) {
            String host = URI.create(url).getHost();
            if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
                throw new IllegalArgumentException("Only the loopback address is benchmarked, not " + host);
            }
        }
        String department = a.getOrDefault("department", "apsrtc");
        int officers = Math.min(200, Integer.parseInt(a.getOrDefault("officers", "50")));
        int warmup = Math.min(300, Integer.parseInt(a.getOrDefault("warmup-seconds", "15")));
        int seconds = Math.min(600, Integer.parseInt(a.getOrDefault("seconds", "60")));
        int think = Integer.parseInt(a.getOrDefault("think-ms", "500"));
        int open = Integer.parseInt(a.getOrDefault("open", "100000"));
        String refs = a.getOrDefault("reference-format", "SEVA-APS-2026-%06d");

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4)).build();
        PasswordTokens tokens = new PasswordTokens(http, realm, a.getOrDefault("password", "seva-dev"));
        DeskBenchmark bench = new DeskBenchmark(http, tokens, desk, department, think, open, refs);
        String[] users = {"officer." + department, "supervisor." + department};
        for (String u : users) {
            tokens.token(u);
        }

        long start = System.nanoTime();
        bench.measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        bench.measureUntil = bench.measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        List<double[]> loads = new ArrayList<>();
        ExecutorService workers = Executors.newFixedThreadPool(officers + 1);
        List<java.util.concurrent.Future<Map<Kind, Stats>>> results = new ArrayList<>();
        for (int i = 0; i < officers; i++) {
            String user = users[i % 4 == 3 ? 1 : 0];
            results.add(workers.submit(() -> bench.officer(user)));
        }
        // The machine's load while measuring: the 2 cores are shared with other engineers' builds.
        // Marks on stderr let the script read every process's CPU time at the window's edges.
        long[] ownCpu = new long[2];
        workers.submit(() -> {
            sleep(TimeUnit.NANOSECONDS.toMillis(bench.measureFrom - System.nanoTime()));
            ownCpu[0] = processCpuNanos();
            System.err.println("MEASURE START");
            while (System.nanoTime() < bench.measureUntil) {
                loads.add(loadAverage());
                sleep(Math.min(5000, Math.max(0, TimeUnit.NANOSECONDS.toMillis(bench.measureUntil - System.nanoTime()))));
            }
            ownCpu[1] = processCpuNanos();
            System.err.println("MEASURE END");
            return null;
        });
        Map<Kind, Stats> total = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            total.put(k, new Stats());
        }
        for (var f : results) {
            f.get(warmup + seconds + 120L, TimeUnit.SECONDS).forEach((k, s) -> total.get(k).merge(s));
        }
        workers.shutdownNow();
        print(total, officers, warmup, seconds, think, loads);
        System.out.printf(Locale.ROOT, "Load generator's own CPU while measuring: %.1f s (of %d s x %d cores).%n",
                (ownCpu[1] - ownCpu[0]) / 1e9, seconds, Runtime.getRuntime().availableProcessors());
        System.exit(0);
    }

    /** One officer's loop: a request, then a think time, until the measured window ends. */
    private Map<Kind, Stats> officer(String user) {
        Map<Kind, Stats> mine = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            mine.put(k, new Stats());
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String[]> seen = new ArrayList<>();
        sleep(random.nextInt(Math.max(1, thinkMillis) + 1));
        while (System.nanoTime() < measureUntil) {
            int dice = random.nextInt(100);
            try {
                if (dice < 20) {
                    String q = random.nextInt(4) == 0 ? "&page=" + (2 + random.nextInt(20)) : "";
                    call(mine, Kind.QUEUE_PAGE, user, get("/queue?department=" + department + q, "text/html"));
                } else if (dice < 40) {
                    String body = call(mine, Kind.API_QUEUE, user, get("/api/applications?status=open", "application/json"));
                    remember(seen, body);
                } else if (dice < 60) {
                    String body = call(mine, Kind.API_FILTERED, user, get("/api/applications?status=open" + filter(random), "application/json"));
                    remember(seen, body);
                } else if (dice < 85) {
                    call(mine, Kind.API_APPLICATION, user, get("/api/applications/" + reference(seen, random), "application/json"));
                } else {
                    act(mine, user, seen, random);
                }
            } catch (IOException e) {
                // counted by call() as status -1
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(thinkMillis <= 0 ? 0 : random.nextInt(2 * thinkMillis + 1));
        }
        return mine;
    }

    private void act(Map<Kind, Stats> mine, String user, List<String[]> seen, ThreadLocalRandom random) throws IOException, InterruptedException {
        String[] target = seen.isEmpty() ? new String[]{reference(seen, random), "new"} : seen.get(random.nextInt(Math.min(5, seen.size())));
        int dice = random.nextInt(100);
        String json;
        if (dice < 50 && "new".equals(target[1])) {
            json = "{\"action\":\"accept\"}";
        } else if (dice < 80) {
            json = "{\"action\":\"note\",\"note\":\"Checked the institution's letter; photo is clear.\"}";
        } else {
            json = "{\"action\":\"assign\",\"officer\":\"" + (random.nextBoolean() ? "officer." : "supervisor.") + department + "\"}";
        }
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(desk + "/api/applications/" + target[0] + "/actions"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        call(mine, Kind.API_ACTION, user, post);
    }

    private String filter(ThreadLocalRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> "&service=" + SERVICES[random.nextInt(SERVICES.length)];
            case 1 -> "&district=" + DISTRICTS[random.nextInt(DISTRICTS.length)];
            case 2 -> "&assigned=me";
            case 3 -> "&overdue=true";
            case 4 -> "&page=" + (2 + random.nextInt(40));
            default -> "&service=" + SERVICES[random.nextInt(SERVICES.length)] + "&district=" + DISTRICTS[random.nextInt(DISTRICTS.length)];
        };
    }

    /** Mostly what the officer just saw at the head of a queue, else any open application of the data set. */
    private String reference(List<String[]> seen, ThreadLocalRandom random) {
        if (!seen.isEmpty() && random.nextInt(3) > 0) {
            return seen.get(random.nextInt(seen.size()))[0];
        }
        return String.format(Locale.ROOT, referencePattern, 1 + random.nextInt(openApplications));
    }

    private static void remember(List<String[]> seen, String body) {
        if (body == null) {
            return;
        }
        seen.clear();
        Matcher m = SUMMARY.matcher(body);
        while (m.find() && seen.size() < 25) {
            seen.add(new String[]{m.group(1), m.group(2)});
        }
    }

    private HttpRequest.Builder get(String path, String accept) {
        return HttpRequest.newBuilder(URI.create(desk + path)).header("Accept", accept).GET();
    }

    /** Sends the request as the user; records it when it started inside the measured window; answers the body of a 200. */
    private String call(Map<Kind, Stats> mine, Kind kind, String user, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest r = request.header("Authorization", "Bearer " + tokens.token(user)).timeout(Duration.ofSeconds(30)).build();
        long began = System.nanoTime();
        int status;
        String body = null;
        try {
            HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            body = status == 200 ? response.body() : null;
        } catch (IOException e) {
            status = -1; // a timeout or a refused / reset connection
        }
        long took = (System.nanoTime() - began) / 1000;
        if (began >= measureFrom && began < measureUntil) {
            mine.get(kind).add(took, status);
        }
        return body;
    }

    private static void print(Map<Kind, Stats> total, int officers, int warmup, int seconds, int think, List<double[]> loads) {
        System.out.printf(Locale.ROOT, "%d officers, closed loop, think time uniform 0-%d ms (mean %d ms), %d s warm-up, %d s measured.%n%n",
                officers, 2 * think, think, warmup, seconds);
        System.out.println("| kind | requests | per s | p50 ms | p90 ms | p99 ms | max ms | 409 (expected) | errors |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        Stats all = new Stats();
        for (Kind k : Kind.values()) {
            Stats s = total.get(k);
            all.merge(s);
            System.out.println(row(k.label, s, seconds));
        }
        System.out.println(row("all", all, seconds));
        if (!loads.isEmpty()) {
            System.out.printf(Locale.ROOT, "%nLoad average (1 min) while measuring, every 5 s: min %.2f, max %.2f, mean %.2f (%d samples).%n",
                    loads.stream().mapToDouble(l -> l[0]).min().orElse(0), loads.stream().mapToDouble(l -> l[0]).max().orElse(0),
                    loads.stream().mapToDouble(l -> l[0]).average().orElse(0), loads.size());
        }
    }

    private static String row(String label, Stats s, int seconds) {
        Histogram h = s.latency;
        long conflicts = s.statuses.getOrDefault(409, 0L);
        StringBuilder errors = new StringBuilder();
        s.statuses.forEach((status, n) -> {
            if (status != 409 && (status < 200 || status >= 300)) {
                errors.append(errors.length() == 0 ? "" : ", ").append(status == -1 ? "timeout/IO" : status.toString()).append(": ").append(n);
            }
        });
        return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %s |", label, h.getTotalCount(),
                h.getTotalCount() / (double) seconds, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, conflicts, errors.length() == 0 ? "0" : errors.toString());
    }

    private static double[] loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[]{Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
        } catch (IOException | RuntimeException e) {
            return new double[]{-1, -1};
        }
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> args(String[] args) {
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                values.put(args[i].substring(2), i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true");
            }
        }
        return values;
    }
}
