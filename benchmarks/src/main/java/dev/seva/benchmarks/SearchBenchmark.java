package dev.seva.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.seva.catalogue.data.CatalogueFiles;
import dev.seva.catalogue.search.ServiceSearchIndex;
import dev.seva.contracts.LocalizedText;
import dev.seva.contracts.catalogue.ServiceDefinition;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Catalogue search latency with a synthetic catalogue of 10,000 services: the real services, each
 * repeated with district and office variants (so the vocabulary is the real one, only larger),
 * queried with the labelled query set (English, Telugu, Hindi, transliterations, typos).
 *
 * <pre>java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' dev.seva.benchmarks.SearchBenchmark [services] [seconds]</pre>
 */
public final class SearchBenchmark {

    private static final String[] DISTRICTS = {"Srikakulam", "Vizianagaram", "Visakhapatnam", "East Godavari", "West Godavari", "Krishna",
            "Guntur", "Prakasam", "Nellore", "Kurnool", "Kadapa", "Anantapur", "Chittoor", "Tirupati", "Eluru", "Kakinada", "Bapatla",
            "Palnadu", "Nandyal", "Annamayya", "Sri Sathya Sai", "Konaseema", "Anakapalli", "Parvathipuram", "Alluri", "NTR"};

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int target = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        List<ServiceDefinition> real = CatalogueFiles.load().services();
        List<ServiceDefinition> synthetic = new ArrayList<>(target);
        for (int i = 0; synthetic.size() < target; i++) {
            ServiceDefinition s = real.get(i % real.size());
            int round = i / real.size();
            synthetic.add(round == 0 ? s : variant(s, round));
        }
        List<String> queries = new ArrayList<>();
        JsonNode labelled = new ObjectMapper(new YAMLFactory()).readTree(Path.of("catalogue-service/src/test/resources/search/labelled-queries.yaml").toFile());
        labelled.path("queries").forEach(q -> queries.add(q.path("q").asText()));

        try (ServiceSearchIndex index = new ServiceSearchIndex()) {
            long built = System.nanoTime();
            index.replaceAll(synthetic);
            long buildMs = (System.nanoTime() - built) / 1_000_000;
            for (int i = 0; i < 20_000; i++) {
                index.search(queries.get(i % queries.size()), 10);
            }
            System.out.printf(Locale.ROOT, "Catalogue search, %d services (index built in %d ms), %d labelled queries, limit 10%n%n",
                    index.size(), buildMs, queries.size());
            System.out.println("| threads | queries | queries/s | p50 ms | p99 ms | p99.9 ms | max ms |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (int threads : new int[]{1, 2}) {
                System.out.println(run(index, queries, threads, seconds));
            }
        }
    }

    private static String run(ServiceSearchIndex index, List<String> queries, int threads, int seconds) throws InterruptedException {
        Histogram total = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        AtomicInteger count = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> workers = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            histograms.add(h);
            int offset = t * 7;
            Thread worker = new Thread(() -> {
                int i = offset;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    index.search(queries.get(i++ % queries.size()), 10);
                    h.recordValue(System.nanoTime() - start);
                    count.incrementAndGet();
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        histograms.forEach(total::add);
        return String.format(Locale.ROOT, "| %d | %d | %.0f | %.3f | %.3f | %.3f | %.3f |", threads, count.get(), count.get() / (double) seconds,
                total.getValueAtPercentile(50) / 1e6, total.getValueAtPercentile(99) / 1e6, total.getValueAtPercentile(99.9) / 1e6,
                total.getMaxValue() / 1e6);
    }

    private static ServiceDefinition variant(ServiceDefinition s, int round) {
        String district = DISTRICTS[round % DISTRICTS.length];
        String suffix = " (" + district + " " + round + ")";
        LocalizedText names = new LocalizedText(s.names().en() + suffix, s.names().te() + suffix, s.names().hi() + suffix);
        return new ServiceDefinition(s.id() + "-v" + round, s.version(), s.departmentId(), s.departmentName(), names, s.shortNames(),
                s.descriptions(), s.keywords(), s.deliveryMode(), s.fields(), s.feeRupees(), s.slaDays(), s.documentType(),
                s.supportingDocuments(), s.information(), s.externalUrl(), s.popular());
    }
}
