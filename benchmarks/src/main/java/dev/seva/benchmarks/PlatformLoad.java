package dev.seva.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.EventJson;
import dev.seva.benchmarks.payments.PaymentFaults;
import dev.seva.benchmarks.payments.PaymentLedger;
import dev.seva.benchmarks.payments.PaymentMix;
import dev.seva.benchmarks.payments.PaymentRecords;
import dev.seva.contracts.Topics;
import dev.seva.simulator.standin.CitizenMessage;
import dev.seva.simulator.standin.FaultSettings;
import dev.seva.simulator.standin.GraphApiStandIn;
import dev.seva.simulator.standin.LoggedMessage;
import dev.seva.simulator.standin.CitizenPayment;
import dev.seva.simulator.standin.StandInConfig;
import dev.seva.simulator.standin.razorpay.RazorpayConfig;
import dev.seva.simulator.standin.razorpay.RazorpayFaults;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole platform under load, as citizens see it. Virtual citizens (each its own number) arrive at
 * a set rate and walk a complete journey (hi, consent, language, search, the service, every field,
 * confirm) and then receive the department's outcomes and the signed certificate. Meta's side is the
 * simulator's Graph API stand-in, in this JVM: it posts every citizen message to the gateway as a
 * signed webhook and sees every reply notification-service sends. Per message, the latency is from the
 * webhook sent to the first reply received. At the end every citizen must have received exactly the
 * replies the journey defines (none missing, none twice) and every confirmation exactly one
 * application on the department's topic.
 * <p>
 * Payments (issue 17): each citizen pays the fee with an outcome drawn from {@code --payment-outcomes}; the report
 * gives the latency from the payment's webhook to the {@code order_status} reply ({@link PaymentRecords}) and checks
 * the gateway's ledger against the department's topic ({@link PaymentLedger}). {@code --mix payments}: the citizens
 * first walk to the "Review and pay" message (setup, not measured), then pay at the ramp's rate (payments/s).
 *
 * <pre>benchmarks/bin/platform.sh (starts the platform with ./seva up and runs this)</pre>
 */
public final class PlatformLoad {

    private static final Pattern REFERENCE = Pattern.compile("SEVA-REV-\\d{4}-\\d{6}");

    private final GraphApiStandIn meta;
    private final List<Step> journey;
    private final int asyncReplies;
    private final Map<String, VirtualCitizen> citizens = new ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService senders = Executors.newScheduledThreadPool(8);
    /** A person reads the reply before writing again; without it a fast platform would trip its own flood throttle (15 in 2 s). */
    volatile long thinkMillis;
    private final Recorder latency = new Recorder(TimeUnit.SECONDS.toMicros(120), 3);
    private final Recorder perSecond = new Recorder(TimeUnit.SECONDS.toMicros(120), 2);
    private final AtomicLong messagesAnswered = new AtomicLong();
    private final AtomicLong messagesSent = new AtomicLong();
    /** Replies the stand-in accepted for the virtual citizens (the floor counts its steps per reply). */
    private final AtomicLong repliesReceived = new AtomicLong();
    private final AtomicInteger journeysDone = new AtomicInteger();
    private final Set<String> references = ConcurrentHashMap.newKeySet();
    /** Per ramp step (by when the message was sent): latencies and answers; index -1 is the warm-up, not counted. */
    private final Map<Integer, Recorder> stepLatency = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> stepAnswered = new ConcurrentHashMap<>();
    private volatile int currentStep = -1;
    /** Payments: each citizen's outcome, their records, and (payments mode) the citizens waiting to pay. */
    PaymentMix paymentMix = PaymentMix.parse("success", 17);
    PaymentRecords payments = new PaymentRecords(Duration.ZERO, Duration.ZERO);
    volatile boolean payLater;
    private final Queue<VirtualCitizen> readyToPay = new ConcurrentLinkedQueue<>();
    /** Replies the fee's payment brings when captured: the order completed, the receipt, and the department's outcomes. */
    int afterPaymentReplies = 5;
    boolean plotPayments;
    boolean feeFirst;
    private final AtomicLong noneWaiting = new AtomicLong();

    /** One citizen message and how many replies it gets. */
    record Step(CitizenMessage message, int replies, String label) {
    }

    PlatformLoad(GraphApiStandIn meta, List<Step> journey, int asyncReplies) {
        this.meta = meta;
        this.journey = journey;
        this.asyncReplies = asyncReplies;
        meta.onAccepted(this::replyReceived);
    }

    public static void main(String[] args) throws Exception {
        Args a = new Args(args);
        String gateway = a.get("gateway", "http://127.0.0.1:8081/webhook");
        String catalogue = a.get("catalogue", "http://127.0.0.1:8083");
        String bootstrap = a.get("bootstrap", "127.0.0.1:9092");
        int port = Integer.parseInt(a.get("stand-in-port", "18090"));
        String out = a.get("out", "benchmarks/results");
        String name = a.get("name", "platform");
        List<double[]> steps = new ArrayList<>(); // {journeys (payments mode: payments) per second, seconds}
        for (String step : a.get("ramp", "2:60").split(",")) {
            String[] parts = step.split(":");
            steps.add(new double[]{Double.parseDouble(parts[0]), Double.parseDouble(parts[1])});
        }
        String fault = a.get("fault", "none");
        int warmup = Integer.parseInt(a.get("warmup", "0"));
        int faultAt = Integer.parseInt(a.get("fault-at", "30")); // seconds into the measured ramp, after the warm-up
        int faultSeconds = Integer.parseInt(a.get("fault-seconds", "60")); // how long a Razorpay fault lasts
        // mix "journey": the whole income-certificate journey per citizen (rates in journeys/s). mix "chat": what most
        // messages are (issue 16's chat mix): onboarding, then rounds of the menu, a search and a status check (rates in
        // citizen messages/s). mix "payments": journeys to the payment request first (not measured), then payments/s.
        String mix = a.get("mix", "journey");
        boolean paymentsMode = mix.equals("payments");
        boolean feeFirst = !mix.equals("chat") && !"false".equals(System.getenv("PAYMENTS_ENABLED"));
        if (paymentsMode && !feeFirst) {
            throw new IllegalArgumentException("--mix payments needs the fee paid in the chat (PAYMENTS_ENABLED is false)");
        }
        // Razorpay's webhook faults from the start (none, duplicate, reorder, drop, failed_before_captured), and room for
        // every order of a long run (the stand-in forgets the oldest past its capacity, and the ledger check needs them all).
        RazorpayConfig razorpayConfig = RazorpayConfig.defaults()
                .withWebhookUrl(URI.create(a.get("razorpay-webhook", "http://127.0.0.1:38088/webhooks/razorpay")))
                .withWebhookDelivery(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(30))
                .withAccount("acc_SevaSimulator1", 300_000)
                .withFaults(RazorpayFaults.named(a.get("razorpay-webhook-fault", "none")));
        StandInConfig.Payments paymentTiming = StandInConfig.Payments.defaults();
        paymentTiming = new StandInConfig.Payments(paymentTiming.configurations(), true, paymentTiming.pendingAfter(),
                paymentTiming.settleAfter(), paymentTiming.lateWebhookAfter(), 300_000);

        GraphApiStandIn meta = GraphApiStandIn.start(port, StandInConfig.defaults().toBuilder()
                .accessToken(a.get("token", "seva-dev-access-token"))
                .appSecret(a.get("secret", "seva-dev-app-secret"))
                .webhookUrl(URI.create(gateway))
                .throughputPerSecond(1000)
                .messageLogCapacity(200_000)
                // Meta retries a webhook the gateway did not take for up to 7 days; 10 attempts from 1 s
                // cover 8.5 minutes, longer than any outage these runs cause.
                .webhookDelivery(new StandInConfig.WebhookDelivery(10, Duration.ofSeconds(1)))
                // WhatsApp Payments and Razorpay too (issue 17): Razorpay's signed webhooks to payment-service, retried as Razorpay does.
                .payments(paymentTiming)
                .razorpay(razorpayConfig)
                .build());
        List<Step> steps0 = mix.equals("chat") ? chat(Integer.parseInt(a.get("rounds", "5"))) : journey(catalogue, feeFirst);
        // After the confirmation of a journey: accepted, approved and the certificate; with the fee paid first (issue 17)
        // also the order completed and the fee's receipt.
        PlatformLoad load = new PlatformLoad(meta, steps0, mix.equals("chat") ? 0 : 3);
        load.feeFirst = feeFirst;
        load.afterPaymentReplies = Integer.parseInt(a.get("after-payment-replies", "5"));
        load.paymentMix = PaymentMix.parse(a.get("payment-outcomes", "success"), Long.parseLong(a.get("payment-seed", "17")));
        load.payments = new PaymentRecords(paymentTiming.pendingAfter(), paymentTiming.settleAfter());
        load.plotPayments = paymentsMode;
        if (mix.equals("chat")) {
            // The ramp and warm-up rates are citizen messages/s: citizens arrive at rate / messages per citizen.
            steps.forEach(s -> s[0] = s[0] / steps0.size());
        }
        load.thinkMillis = Long.parseLong(a.get("think-ms", mix.equals("chat") ? "500" : "0"));
        ProcessCpu cpu = new ProcessCpu(a.get("seva-home", ""));
        int idleSeconds = Integer.parseInt(a.get("idle-seconds", "30"));
        long started = System.nanoTime();
        Instant runStart = Instant.now();
        List<String> timeline = new ArrayList<>();
        // The fault counts from the first measured arrival, not from the start: the warm-up's drain, the idle cost and
        // the payments mode's setup come before it and last as long as they last.
        CountDownLatch measuredStart = new CountDownLatch(1);
        Thread faults = new Thread(() -> inject(fault, faultAt, faultSeconds, measuredStart, meta, a.get("seva-home", ""), timeline, started), "faults");
        faults.setDaemon(true);
        faults.start();

        List<long[]> seconds = new ArrayList<>(); // {second, answered, p99 micros}
        double total = steps.stream().mapToDouble(s -> s[1]).sum();
        Thread sampler = new Thread(() -> load.sample(seconds, started, (int) total + 900 + (paymentsMode ? 7200 : 0)), "sampler");
        sampler.setDaemon(true);
        sampler.start();
        if (warmup > 0) {
            // JIT compilation of ten JVMs on two cores takes minutes: measure after it, at a gentle rate.
            // warmup-rate: journeys/s, or citizen messages/s in the chat mix (13 by default, as one journey/s).
            load.arrive(mix.equals("chat") ? Double.parseDouble(a.get("warmup-rate", "13")) / steps0.size()
                    : Double.parseDouble(a.get("warmup-rate", "1")), warmup, Integer.MAX_VALUE);
        }
        String idle = "";
        if (idleSeconds > 0) {
            // The idle cost: once the warm-up's journeys have ended, nothing arrives for idleSeconds.
            load.awaitJourneys(TimeUnit.MINUTES.toNanos(3));
            Thread.sleep(5_000);
            Map<String, Long> before = cpu.snapshot();
            Thread.sleep(idleSeconds * 1000L);
            Map<String, Long> used = ProcessCpu.used(before, cpu.snapshot());
            idle = String.format(Locale.ROOT, "%n## Idle cost (%d s with no message, after the warm-up)%n%n"
                    + "Platform total: %.1f%% of one core.%n%n", idleSeconds, 100.0 * ProcessCpu.platformTotal(used) / (idleSeconds * 1000.0))
                    + ProcessCpu.table(used, idleSeconds, 0);
        }
        String setup = "";
        if (paymentsMode) {
            setup = load.setUpPayers(steps, Double.parseDouble(a.get("setup-rate", "5")), Long.parseLong(a.get("setup-minutes", "60")));
        }
        String jfr = a.get("jfr", "");
        if (!jfr.isEmpty()) {
            // Profiles of every service, taken warm, over the first measured minute (JFR_DIR=... in platform.sh).
            cpu.startFlightRecordings(Path.of(jfr), 60);
        }
        Map<String, Long> cpuBefore = cpu.snapshot();
        long cpuFrom = System.nanoTime();
        long sentBefore = load.messagesSent.get();
        long repliesBefore = load.repliesReceived.get();
        long paidBefore = load.payments.made();
        measuredStart.countDown();
        for (int i = 0; i < steps.size(); i++) {
            load.currentStep = i;
            if (paymentsMode) {
                load.payFromPool(steps.get(i)[0], (int) steps.get(i)[1]);
            } else {
                load.arrive(steps.get(i)[0], (int) steps.get(i)[1], Integer.MAX_VALUE);
            }
        }
        long arrivalsEnded = System.nanoTime();
        // Citizens of the payments mode's pool the ramp did not need: nothing more comes to them.
        int unpaid = load.releaseUnpaid();
        // Let every journey finish: the last citizens still answer fields, then wait for outcomes and certificates.
        load.awaitJourneys(TimeUnit.MINUTES.toNanos(Long.parseLong(a.get("drain-minutes", "4"))));
        double drained = (System.nanoTime() - arrivalsEnded) / 1e9;
        // CPU per citizen message: from the first measured arrival until every journey's work ended (department, PDF).
        Map<String, Long> cpuUsed = ProcessCpu.used(cpuBefore, cpu.snapshot());
        double cpuSeconds = (System.nanoTime() - cpuFrom) / 1e9;
        long sent = paymentsMode ? load.payments.made() - paidBefore : load.messagesSent.get() - sentBefore;
        String unit = paymentsMode ? "payment" : "citizen message";
        String cpuReport = String.format(Locale.ROOT, "%n## CPU per %s (mix: %s; %d %ss over %.0f s, from the first measured "
                + "arrival to the end of the last journey)%n%n%sPlatform total: **%.2f ms per %s**, %.1f%% of one core on average.%n%n",
                unit, mix, sent, unit, cpuSeconds, paymentsMode ? "In the payments mode the table's \"per citizen message\" columns are per payment "
                        + "(each with its order completed, receipt, the department's decision and certificate after it).\n\n" : "",
                (double) ProcessCpu.platformTotal(cpuUsed) / Math.max(1, sent), unit,
                100.0 * ProcessCpu.platformTotal(cpuUsed) / (cpuSeconds * 1000))
                + ProcessCpu.table(cpuUsed, cpuSeconds, sent) + idle;
        double repliesPerMessage = (double) (load.repliesReceived.get() - repliesBefore) / Math.max(1, load.messagesSent.get() - sentBefore);
        Thread.sleep(10_000); // late duplicates would show up now
        String postgres = a.get("postgres", "");
        if (!postgres.isEmpty() && fault.equals("none") && !paymentsMode) {
            // The bare steps, measured now that the load is over, on the same machine and the same broker and database.
            cpuReport += Floor.report(new Floor(cpu, bootstrap, postgres, a.get("postgres-user", "postgres"), a.get("postgres-password", "postgres"))
                    .measure(), repliesPerMessage);
        }
        double elapsed = (System.nanoTime() - started) / 1e9 - warmup;
        String lag = consumerLag(bootstrap);
        Map<String, Set<String>> feePaid = new HashMap<>();
        Map<String, Map<String, Integer>> applications = applicationsPerReference(bootstrap, feePaid);
        String report = load.report(name, steps, fault, faultAt, elapsed, applications, lag, timeline)
                + String.format(Locale.ROOT, "%nWarm-up: %d s (not counted). Last journey finished %.0f s after the last arrival.%n", warmup, drained)
                + setup + (unpaid > 0 ? unpaid + " citizens of the pool were not needed by the ramp: their orders stay unpaid.\n" : "");
        if (feeFirst) {
            report += load.payments.report(steps, paymentsMode ? "payments/s" : "journeys/s")
                    + load.paymentNotes(fault)
                    + PaymentLedger.read(meta.baseUrl(), razorpayConfig, runStart).report(load.ordersOfConfirmed(), feePaid, meta.razorpay());
        }
        report += cpuReport;
        Files.createDirectories(Path.of(out));
        String stamp = Instant.now().toString().replaceAll("[:.]", "").substring(0, 15) + "Z";
        Path png = Path.of(out, name + "-" + stamp + ".png");
        Plot.latencyOverTime(seconds, png, name + (paymentsMode ? ": payments completed per second and p99 payment latency"
                : ": replies per second and p99 latency") + (fault.equals("none") ? "" : " (fault: " + fault + " at " + faultAt + " s)"));
        Files.writeString(Path.of(out, name + "-" + stamp + ".md"), report + "\n![latency over time](" + png.getFileName() + ")\n");
        System.out.println(report);
        System.out.println("Plot: " + png);
        meta.close();
        load.senders.shutdownNow();
    }

    /** Waits until every citizen's journey is done (all its replies in), or {@code nanos} passed. */
    void awaitJourneys(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (System.nanoTime() < deadline && journeysDone.get() < citizens.size()) {
            Thread.sleep(500);
        }
    }

    /** Opens journeys at {@code perSecond} for {@code seconds}, at most {@code max} of them. */
    void arrive(double perSecond, int seconds, int max) throws InterruptedException {
        long interval = (long) (1_000_000_000L / perSecond);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long due = System.nanoTime();
        int opened = 0;
        while (due < end && opened < max) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String number = "9177" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
            VirtualCitizen citizen = new VirtualCitizen(number, paymentMix.next());
            if (citizens.putIfAbsent(number, citizen) == null) {
                senders.execute(() -> citizen.next());
                opened++;
            }
            due += interval;
        }
    }

    /**
     * The payments mode's setup (not measured): as many citizens as the ramp will pay walk the journey at
     * {@code rate} journeys/s up to WhatsApp's "Review and pay" message, and wait there.
     */
    String setUpPayers(List<double[]> ramp, double rate, long minutes) throws InterruptedException {
        int needed = (int) Math.ceil(ramp.stream().mapToDouble(s -> s[0] * s[1]).sum());
        long from = System.nanoTime();
        payLater = true;
        arrive(rate, (int) Math.ceil(needed / rate) + 1, needed);
        long deadline = from + TimeUnit.MINUTES.toNanos(minutes);
        while (readyToPay.size() < needed && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        return String.format(Locale.ROOT, "Payments mode: %d citizens walked the journey to the payment request at %.1f journeys/s first "
                + "(not measured, %.0f s); %d were waiting to pay when the ramp began.%n", needed, rate, (System.nanoTime() - from) / 1e9,
                readyToPay.size());
    }

    /** Pays at {@code perSecond} for {@code seconds} with the citizens waiting (open loop); counts the moments none was waiting. */
    void payFromPool(double perSecond, int seconds) throws InterruptedException {
        long interval = (long) (1_000_000_000L / perSecond);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (long due = System.nanoTime(); due < end; due += interval) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            VirtualCitizen citizen = readyToPay.poll();
            if (citizen == null) {
                noneWaiting.incrementAndGet();
            } else {
                senders.execute(citizen::pay);
            }
        }
    }

    /** The payments mode's pool citizens the ramp did not pay: their journeys end here. */
    int releaseUnpaid() {
        payLater = false;
        int released = 0;
        for (VirtualCitizen c = readyToPay.poll(); c != null; c = readyToPay.poll()) {
            c.released();
            released++;
        }
        return released;
    }

    /** Every confirmed application's first order → the outcome its citizen paid with ("" when not paid). */
    Map<String, String> ordersOfConfirmed() {
        Map<String, String> orders = new HashMap<>();
        for (VirtualCitizen c : citizens.values()) {
            synchronized (c) {
                if (c.reference != null) {
                    orders.put(c.reference + "-1", c.paid ? c.outcome : "");
                }
            }
        }
        return orders;
    }

    /** What a reader must know to trust the payment sections: the reconciliation's timing, the stand-in's limits. */
    String paymentNotes(String fault) {
        StringBuilder n = new StringBuilder();
        String after = System.getenv().getOrDefault("PAYMENT_RECONCILE_AFTER", "10m (payment-service's default)");
        String every = System.getenv().getOrDefault("PAYMENT_RECONCILE_EVERY", "1m (payment-service's default)");
        n.append(String.format(Locale.ROOT, "%nPayment outcomes drawn: %s. Reconciliation: orders older than %s looked up every %s.%n", paymentMix, after, every));
        if ((paymentMix.has("no_webhook") || fault.startsWith("razorpay-")) && !System.getenv().containsKey("PAYMENT_RECONCILE_AFTER")) {
            n.append("A lost webhook is found only by the reconciliation, after PAYMENT_RECONCILE_AFTER: with the default 10 minutes such "
                    + "payments complete after the drain and show as lost here. Set PAYMENT_RECONCILE_AFTER=20s PAYMENT_RECONCILE_EVERY=5s.\n");
        }
        if (paymentMix.has("no_webhook") && !fault.equals("razorpay-lost") && !fault.equals("razorpay-down")) {
            n.append("no_webhook drops WhatsApp's payment webhook only; Razorpay's own payment.captured still reaches payment-service (the "
                    + "stand-in settles WhatsApp PG payments with Delivery.NORMAL), so outside a razorpay-lost/razorpay-down window it is not "
                    + "lost to the platform.\n");
        }
        if (noneWaiting.get() > 0) {
            n.append(noneWaiting.get()).append(" payments of the ramp found no citizen waiting to pay (the setup made too few).\n");
        }
        return n.toString();
    }

    private void replyReceived(LoggedMessage message) {
        VirtualCitizen citizen = citizens.get(message.citizen());
        if (citizen != null && LoggedMessage.OUTBOUND.equals(message.direction())) {
            repliesReceived.incrementAndGet();
            JsonNode body = message.body();
            if (body != null && body.path("interactive").path("type").asText().equals("order_status")) {
                payments.orderStatus(body, System.nanoTime());
            }
            citizen.received(message);
        }
    }

    /** A citizen walking the journey: one step at a time, the next when the replies of this one arrived. */
    final class VirtualCitizen {
        final String number;
        /** How this citizen's payment goes (PaymentMix), drawn at arrival. */
        final String outcome;
        int step;
        int repliesThisStep;
        int repliesTotal;
        long sentAt;
        int sentInStep;
        boolean confirmed;
        boolean paid;
        /** Replies still to come after the journey's last step: the department's (no fee), or what the payment brings. */
        int afterJourney;
        /** The application's reference, once confirmed: its first order is {@code <reference>-1}. */
        String reference;
        /** What arrived after the journey's last step (order status, receipt, outcomes, the certificate): told for a citizen short of replies. */
        final List<String> after = new ArrayList<>();

        VirtualCitizen(String number, String outcome) {
            this.number = number;
            this.outcome = outcome;
        }

        synchronized void next() {
            if (step >= journey.size()) {
                return;
            }
            repliesThisStep = 0;
            sentAt = System.nanoTime();
            sentInStep = currentStep;
            messagesSent.incrementAndGet();
            meta.citizenSends(number, journey.get(step).message());
        }

        /**
         * The fee, paid with "Review and pay" as a citizen does (the stand-in reports it as WhatsApp and Razorpay would).
         * A captured payment brings the order completed, the receipt and the department's outcomes; a failed one the
         * failure's message (the order stays payable, this citizen does not try again); a pending one nothing.
         */
        synchronized void pay() {
            String order = reference + "-1";
            afterJourney = PaymentMix.captures(outcome) ? afterPaymentReplies : outcome.equals("failure") ? 1 : 0;
            long at = System.nanoTime();
            try {
                meta.citizenPays(number, CitizenPayment.of(order, outcome));
                paid = true;
                payments.paid(order, outcome, at, currentStep);
            } catch (IllegalArgumentException refused) {
                afterJourney = 0;
                payments.refused();
            }
            if (repliesTotal == expectedTotal()) {
                journeysDone.incrementAndGet(); // nothing more to come (pending, refused)
            }
        }

        /** Not paid by the payments mode's ramp: nothing more to come. */
        synchronized void released() {
            if (repliesTotal == expectedTotal()) {
                journeysDone.incrementAndGet();
            }
        }

        synchronized void received(LoggedMessage reply) {
            repliesTotal++;
            if (step >= journey.size()) {
                after.add(describe(reply));
                if (repliesTotal == expectedTotal()) {
                    journeysDone.incrementAndGet();
                }
                return;
            }
            if (repliesThisStep == 0) {
                long micros = Math.min((System.nanoTime() - sentAt) / 1000, TimeUnit.SECONDS.toMicros(120));
                if (!plotPayments) {
                    perSecond.recordValue(micros);
                }
                if (sentInStep >= 0) {
                    latency.recordValue(micros);
                    messagesAnswered.incrementAndGet();
                }
                stepLatency.computeIfAbsent(sentInStep, k -> new Recorder(TimeUnit.SECONDS.toMicros(120), 3)).recordValue(micros);
                stepAnswered.computeIfAbsent(sentInStep, k -> new AtomicLong()).incrementAndGet();
            }
            repliesThisStep++;
            Step current = journey.get(step);
            if (step == journey.size() - 1) {
                Matcher m = REFERENCE.matcher(reply.body() == null ? "" : reply.body().toString());
                if (m.find()) {
                    references.add(m.group());
                    reference = m.group();
                    confirmed = true;
                }
            }
            if (repliesThisStep == current.replies()) {
                step++;
                if (step < journey.size()) {
                    senders.schedule(this::next, thinkMillis, TimeUnit.MILLISECONDS);
                } else if (confirmed && feeFirst) {
                    if (payLater) {
                        readyToPay.add(this); // the payments mode: paid by the ramp
                    } else {
                        senders.schedule(this::pay, thinkMillis, TimeUnit.MILLISECONDS);
                    }
                } else {
                    afterJourney = confirmed ? asyncReplies : 0;
                    if (repliesTotal == expectedTotal()) {
                        journeysDone.incrementAndGet(); // nothing more to come (the chat mix has no department)
                    }
                }
            }
        }

        int expectedTotal() {
            return journey.stream().mapToInt(Step::replies).sum() + afterJourney;
        }
    }

    /** A reply's kind, and its text's first words: enough to tell an order status from a receipt or an outcome. */
    static String describe(LoggedMessage reply) {
        String text = reply.body() == null ? "" : reply.body().toString();
        String start = text.replaceAll("[^\\p{L}\\p{N} ]", " ").replaceAll(" +", " ").strip();
        return reply.type() + ":" + (start.length() > 40 ? start.substring(0, 40) : start);
    }

    void sample(List<long[]> into, long started, int maxSeconds) {
        long previous = 0;
        for (int s = 1; s <= maxSeconds; s++) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            // The payments mode plots payments completed (order_status) and their latency instead of replies.
            long answered = plotPayments ? payments.completed() : messagesAnswered.get();
            Histogram h = plotPayments ? payments.perSecond.getIntervalHistogram() : perSecond.getIntervalHistogram();
            synchronized (into) {
                into.add(new long[]{s, answered - previous, h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99)});
            }
            previous = answered;
        }
    }

    String report(String name, List<double[]> steps, String fault, int faultAt, double elapsed, Map<String, Map<String, Integer>> applications,
                  String lag, List<String> timeline) {
        Histogram h = latency.getIntervalHistogram();
        int missing = 0;
        List<String> shortOf = new ArrayList<>();
        int duplicated = 0;
        int unfinished = 0;
        for (VirtualCitizen c : citizens.values()) {
            int expected = c.expectedTotal();
            if (c.step < journey.size()) {
                unfinished++;
            }
            if (c.repliesTotal > expected) {
                duplicated += c.repliesTotal - expected;
            } else if (c.step >= journey.size() && c.repliesTotal < expected) {
                missing += expected - c.repliesTotal;
                if (shortOf.size() < 20) {
                    shortOf.add(c.reference + " (" + (expected - c.repliesTotal) + " short) received after confirming: " + c.after);
                }
            }
        }
        // Doubled: one application submitted as two events (two eventIds), which a department would take as two. The same
        // event on the topic twice is the outbox relay's at-least-once after a crash, dropped by consumers' message logs.
        long doubledApplications = applications.values().stream().filter(events -> events.size() > 1).count();
        long redelivered = applications.values().stream().flatMap(events -> events.values().stream()).mapToLong(n -> n - 1).sum();
        long lostApplications = references.stream().filter(r -> !applications.containsKey(r)).count();
        StringBuilder r = new StringBuilder();
        r.append("# ").append(name).append(" (").append(Instant.now()).append(")\n\n");
        r.append(String.format(Locale.ROOT, "Ramp (" + (plotPayments ? "payments/s" : "journeys/s") + ":seconds): %s. Fault: %s%s.%n%n", steps.stream()
                .map(s -> String.format(Locale.ROOT, "%.1f:%.0f", s[0], s[1])).toList(), fault, fault.equals("none") ? "" : " at " + faultAt + " s"));
        r.append("| citizens | messages answered | msg/s (whole run) | p50 ms | p99 ms | p99.9 ms | max ms | journeys complete | unfinished |\n");
        r.append("|---|---|---|---|---|---|---|---|---|\n");
        r.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %d |%n%n", citizens.size(), messagesAnswered.get(),
                messagesAnswered.get() / elapsed, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0, journeysDone.get(), unfinished));
        r.append("Per ramp step (messages by when they were sent; replies answered within the step's window or after):\n\n");
        r.append("| step | journeys/s | seconds | messages answered | msg/s | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < steps.size(); i++) {
            Recorder recorder = stepLatency.get(i);
            if (recorder == null) {
                continue;
            }
            Histogram sh = recorder.getIntervalHistogram();
            long answered = stepAnswered.get(i).get();
            r.append(String.format(Locale.ROOT, "| %d | %.1f | %.0f | %d | %.1f | %.1f | %.1f | %.1f |%n", i + 1, steps.get(i)[0], steps.get(i)[1], answered,
                    answered / steps.get(i)[1], sh.getValueAtPercentile(50) / 1000.0, sh.getValueAtPercentile(99) / 1000.0, sh.getMaxValue() / 1000.0));
        }
        r.append('\n');
        r.append(String.format(Locale.ROOT, "Exactly once: replies missing %d, replies duplicated %d; applications confirmed %d, on the department topic %d, "
                + "lost %d, doubled %d (the same event relayed again, deduplicated by eventId: %d).%n", missing, duplicated, references.size(),
                applications.size(), lostApplications, doubledApplications, redelivered));
        // Which citizens are short, and of what: the kinds that did arrive tell which service did not answer.
        shortOf.forEach(line -> r.append("- short: ").append(line).append('\n'));
        r.append("Consumer lag after the run: ").append(lag).append('\n');
        if (java.util.regex.Pattern.compile(" [1-9][0-9]*;").matcher(lag).find()) {
            r.append("Consumer lag is not zero: the run ended before the backlog drained, so replies counted missing may be late, "
                    + "not lost (a longer DRAIN_MINUTES tells).\n");
        }
        timeline.forEach(t -> r.append("- ").append(t).append('\n'));
        return r.toString();
    }

    // --- the journey ---------------------------------------------------------------------------

    /** @param feeFirst the fee is paid before the application goes on: the confirmation also brings the payment request */
    static List<Step> journey(String catalogue, boolean feeFirst) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(catalogue + "/services/rev-income-certificate")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode definition = EventJson.mapper().readTree(response.body());
        List<Step> steps = new ArrayList<>(List.of(
                new Step(CitizenMessage.text("hi"), 1, "hi"),
                new Step(CitizenMessage.buttonReply("consent:accept:en"), 1, "consent"),
                new Step(CitizenMessage.buttonReply("lang:en"), 2, "language"),
                new Step(CitizenMessage.text("income certificate"), 1, "search"),
                new Step(CitizenMessage.listReply("svc:rev-income-certificate"), 1, "service"),
                new Step(CitizenMessage.buttonReply("apply"), 1, "apply")));
        for (JsonNode field : definition.path("fields")) {
            steps.add(new Step(answer(field), 1, field.path("id").asText()));
        }
        steps.add(new Step(CitizenMessage.buttonReply("confirm"), feeFirst ? 2 : 1, "confirm"));
        return steps;
    }

    /** The chat mix: onboarding (hi, privacy notice, language), then {@code rounds} of the menu, a search and a status check. */
    static List<Step> chat(int rounds) {
        List<Step> steps = new ArrayList<>(List.of(
                new Step(CitizenMessage.text("hi"), 1, "hi"),
                new Step(CitizenMessage.buttonReply("consent:accept:en"), 1, "consent"),
                new Step(CitizenMessage.buttonReply("lang:en"), 2, "language")));
        String[] searches = {"income certificate", "caste certificate", "property tax", "ration card", "bus pass"};
        for (int i = 0; i < rounds; i++) {
            steps.add(new Step(CitizenMessage.text("menu"), 1, "menu"));
            steps.add(new Step(CitizenMessage.text(searches[i % searches.length]), 1, "search"));
            steps.add(new Step(CitizenMessage.text("status"), 1, "status"));
        }
        return steps;
    }

    private static CitizenMessage answer(JsonNode field) {
        return switch (field.path("type").asText()) {
            case "name" -> CitizenMessage.text("Lakshmi Devi");
            case "aadhaar" -> CitizenMessage.text("499123456783");
            case "mobile" -> CitizenMessage.text("9876543210");
            case "pincode" -> CitizenMessage.text("520010");
            case "date" -> CitizenMessage.text("15-08-1990");
            case "number" -> CitizenMessage.text("84000");
            case "choice" -> CitizenMessage.listReply("opt:" + field.path("options").get(0).path("id").asText());
            case "address", "location" -> new CitizenMessage(null, null, null, null, null, null, null, null, null,
                    new CitizenMessage.Location(16.5062, 80.648, "Benz Circle", "MG Road, Vijayawada"), null);
            default -> CitizenMessage.text("Street light not working near the school");
        };
    }

    // --- faults --------------------------------------------------------------------------------

    /**
     * Injects {@code fault} {@code at} seconds after the first measured arrival ({@code measuredStart}). The payment
     * faults (razorpay-down, razorpay-lost, razorpay-doubled: {@link PaymentFaults}) last {@code seconds}.
     */
    static void inject(String fault, int at, int seconds, CountDownLatch measuredStart, GraphApiStandIn meta, String sevaHome,
                       List<String> timeline, long started) {
        if (fault.equals("none")) {
            return;
        }
        try {
            measuredStart.await();
            Thread.sleep(at * 1000L);
            long t0 = System.nanoTime();
            switch (fault) {
                case "razorpay-down", "razorpay-lost", "razorpay-doubled" -> PaymentFaults.inject(fault, meta.razorpay(), seconds);
                case "meta-5xx" -> meta.faults().apply(FaultSettings.serverErrorsFor(30, 500));
                case "meta-429" -> meta.faults().apply(FaultSettings.rateLimitFor(30));
                case "kafka", "postgres" -> seva(sevaHome, "restart", fault);
                default -> {
                    if (fault.startsWith("kill:")) {
                        seva(sevaHome, "restart", fault.substring(5), "--kill");
                    } else {
                        throw new IllegalArgumentException("unknown fault " + fault);
                    }
                }
            }
            synchronized (timeline) {
                timeline.add(String.format(Locale.ROOT, "at %.0f s (%d s into the measured load): %s (took %d ms to inject and recover%s)",
                        (t0 - started) / 1e9, at, fault, (System.nanoTime() - t0) / 1_000_000,
                        PaymentFaults.handles(fault) ? ": the fault's whole window" : " the process"));
            }
        } catch (Exception e) {
            synchronized (timeline) {
                timeline.add("fault " + fault + " failed: " + e);
            }
        }
    }

    private static void seva(String home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "./seva"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        if (!home.isEmpty()) {
            builder.environment().put("SEVA_HOME", home);
        }
        int code = builder.start().waitFor();
        if (code != 0) {
            throw new IllegalStateException("./seva " + String.join(" ", args) + " exited " + code);
        }
    }

    // --- checks on the broker ------------------------------------------------------------------

    /**
     * Every application.submitted on the department's topic (application reference → event id → copies), read from
     * the beginning to the end offsets taken now; also fills {@code feePaid} (order id → event ids naming it in feePaid).
     */
    static Map<String, Map<String, Integer>> applicationsPerReference(String bootstrap, Map<String, Set<String>> feePaid) {
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        TopicReader.readToEnd(bootstrap, Topics.departmentApplications("revenue"), event -> {
            if (event.path("eventType").asText().equals("application.submitted")) {
                counts.computeIfAbsent(event.path("applicationRef").asText(), ref -> new HashMap<>())
                        .merge(event.path("eventId").asText(), 1, Integer::sum);
                PaymentLedger.addFeePaid(feePaid, event);
            }
        });
        return counts;
    }

    static String consumerLag(String bootstrap) {
        StringBuilder lag = new StringBuilder();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (String group : List.of("conversation-service", "notification-service", "document-service", "dept-revenue")) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
                long total = 0;
                for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
                    if (e.getValue() != null && !e.getKey().topic().endsWith(".dlq")) {
                        total += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
                    }
                }
                lag.append(group).append(' ').append(total).append("; ");
            }
        } catch (Exception e) {
            lag.append("unavailable: ").append(e.getMessage());
        }
        return lag.toString();
    }
}
