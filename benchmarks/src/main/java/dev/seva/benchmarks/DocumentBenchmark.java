package dev.seva.benchmarks;

import dev.seva.contracts.ContractExamples;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.document.domain.Certificate;
import dev.seva.document.service.CertificateFactory;
import dev.seva.document.signing.SigningKey;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * document-service's render + sign pipeline in one JVM, as the service runs it for each approved
 * outcome: certificate from the outcome, one-page bilingual PDF with shaped Telugu and a QR code,
 * PAdES B-B signature (RSA-2048, development key), SHA-256. Each certificate has its own applicant
 * name, amount and document id. Closed loop per thread; latency per certificate.
 *
 * <pre>java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' dev.seva.benchmarks.DocumentBenchmark [seconds] [threads,...]</pre>
 */
public final class DocumentBenchmark {

    private static final String[] NAMES = {"Lakshmi Venkata", "Ramesh Babu Kondapalli", "Sravani Gorantla", "Anil Kumar", "Padma Reddy",
            "Harika Naidu", "Kiran Kumar Varma", "Venkata Lakshmi Devi", "Suresh Yadav", "Aadhya Chowdary"};

    private DocumentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String[] threadCounts = (args.length > 1 ? args[1] : "1,2").split(",");
        Path state = Files.createTempDirectory("seva-document-bench");
        CertificateFactory factory = CertificateFactory.create(SigningKey.load(Optional.empty(), Optional.empty(), state), "https://verify.seva.example.gov.in");
        ApplicationOutcomeDecided example = ContractExamples.load("dept.outcomes.v1", "approved", ApplicationOutcomeDecided.class);
        AtomicLong sequence = new AtomicLong();
        long bytes = 0;
        long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < warmEnd) {
            bytes = issue(factory, example, sequence.incrementAndGet()).pdf().length;
        }
        System.out.printf(Locale.ROOT, "Document pipeline (render + sign + SHA-256), income certificate, %d bytes each, %d s per run, after 15 s warm-up%n%n",
                bytes, seconds);
        System.out.println("| threads | certificates | certificates/s | p50 ms | p99 ms | p99.9 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String t : threadCounts) {
            System.out.println(run(factory, example, sequence, Integer.parseInt(t.strip()), seconds));
        }
    }

    private static CertificateFactory.SignedPdf issue(CertificateFactory factory, ApplicationOutcomeDecided example, long n) {
        Map<String, Object> data = new LinkedHashMap<>(example.document().data());
        data.put("applicantName", NAMES[(int) (n % NAMES.length)] + " " + (char) ('A' + n % 26));
        data.put("annualIncome", 40_000 + (n * 7919) % 500_000);
        ApplicationOutcomeDecided outcome = new ApplicationOutcomeDecided(UUID.randomUUID(), example.eventType(), example.occurredAt(),
                example.departmentId(), String.format(Locale.ROOT, "SEVA-REV-2026-%06d", n % 1_000_000), example.serviceId(), example.citizenRef(),
                example.outcome(), null, null, new ApplicationOutcomeDecided.DocumentData("income_certificate", data, example.document().validUntil()),
                example.officer());
        Instant now = Instant.now();
        Certificate certificate = factory.certificate(CertificateFactory.newDocumentId(), outcome, now);
        return factory.issue(certificate, now);
    }

    private static String run(CertificateFactory factory, ApplicationOutcomeDecided example, AtomicLong sequence, int threads, int seconds)
            throws InterruptedException {
        Histogram total = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        for (int t = 0; t < threads; t++) {
            Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            histograms.add(h);
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long began = System.nanoTime();
                    issue(factory, example, sequence.incrementAndGet());
                    h.recordValue(System.nanoTime() - began);
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        histograms.forEach(total::add);
        long count = total.getTotalCount();
        return String.format(Locale.ROOT, "| %d | %d | %.0f | %.2f | %.2f | %.2f | %.2f |", threads, count, count / elapsed,
                total.getValueAtPercentile(50) / 1e6, total.getValueAtPercentile(99) / 1e6, total.getValueAtPercentile(99.9) / 1e6,
                total.getMaxValue() / 1e6);
    }
}
