package dev.seva.benchmarks.payments;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The payments of a run and their latency: from the moment the stand-in is due to send the payment's webhooks (the
 * citizen's pay call plus the stand-in's {@code pendingAfter + settleAfter}: WhatsApp's {@code captured} status
 * webhook and Razorpay's {@code payment.captured} go out then) to the {@code order_status} "completed" reply
 * reaching the stand-in. The stand-in's own event-loop delay in sending is counted in, never taken out. Per outcome:
 * a {@code late_webhook} or {@code no_webhook} payment is settled by whatever finds it first (Razorpay's webhook when
 * it is sent, else the late webhook or the reconciliation), so their rows say how long that took.
 */
public final class PaymentRecords {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(30);

    /** One payment: its order, outcome, when its webhooks were due, the ramp step it was made in (-1: warm-up or setup). */
    private record Paid(String outcome, long dueNanos, int step) {
    }

    private final long settleNanos;
    private final Map<String, Paid> byOrder = new ConcurrentHashMap<>();
    private final Map<String, Recorder> byOutcome = new ConcurrentHashMap<>();
    private final Map<Integer, Recorder> capturedByStep = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> madeByStep = new ConcurrentHashMap<>();
    private final java.util.Set<String> completedOrders = ConcurrentHashMap.newKeySet();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong completedTwice = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    /** Every completion, for the per-second plot (measured ones only). */
    public final Recorder perSecond = new Recorder(MAX_MICROS, 2);

    public PaymentRecords(Duration pendingAfter, Duration settleAfter) {
        this.settleNanos = pendingAfter.toNanos() + settleAfter.toNanos();
    }

    /** The citizen paid {@code order} just now ({@code payNanos}: before the stand-in's pay call). */
    public void paid(String order, String outcome, long payNanos, int step) {
        byOrder.put(order, new Paid(outcome, payNanos + settleNanos, step));
        madeByStep.computeIfAbsent(step, s -> new AtomicLong()).incrementAndGet();
    }

    /** The stand-in refused the payment (the reason is the stand-in's; counted, the citizen expects nothing more). */
    public void refused() {
        refused.incrementAndGet();
    }

    /** An {@code order_status} reply reached the stand-in: the body exactly as the platform sent it. */
    public void orderStatus(JsonNode body, long atNanos) {
        JsonNode parameters = body.path("interactive").path("action").path("parameters");
        String order = parameters.path("reference_id").asText();
        Paid paid = byOrder.get(order);
        if (paid == null || !parameters.path("order").path("status").asText().equals("completed")) {
            return;
        }
        if (!completedOrders.add(order)) {
            completedTwice.incrementAndGet();
            return;
        }
        long micros = Math.max(0, Math.min(MAX_MICROS, (atNanos - paid.dueNanos) / 1000));
        completed.incrementAndGet();
        if (paid.step >= 0) {
            byOutcome.computeIfAbsent(paid.outcome, o -> new Recorder(MAX_MICROS, 3)).recordValue(micros);
            capturedByStep.computeIfAbsent(paid.step, s -> new Recorder(MAX_MICROS, 3)).recordValue(micros);
            perSecond.recordValue(micros);
        }
    }

    public long completed() {
        return completed.get();
    }

    public long made() {
        return byOrder.size();
    }

    /** The report's section: latency per outcome and per ramp step ({@code steps}: {rate, seconds}). */
    public String report(List<double[]> steps, String stepUnit) {
        StringBuilder r = new StringBuilder("\n## Payments: from the payment's webhook to the order_status \"completed\" reply\n\n");
        r.append(String.format(Locale.ROOT, "Payments made %d (refused by the stand-in %d), completed %d, a completion repeated %d times. "
                + "Latency from when the stand-in was due to send the payment's webhooks (the pay call + %d ms) to the reply; measured "
                + "part only.%n%n", byOrder.size(), refused.get(), completed.get(), completedTwice.get(), settleNanos / 1_000_000));
        r.append("| outcome | completed | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
        Histogram captures = new Histogram(MAX_MICROS, 3);
        Map<String, Histogram> sorted = new TreeMap<>();
        byOutcome.forEach((o, rec) -> sorted.put(o, rec.getIntervalHistogram()));
        sorted.forEach((o, h) -> {
            row(r, o, h);
            captures.add(h);
        });
        row(r, "**every capture**", captures);
        r.append("\nPer ramp step (payments by when they were made; completed whenever they completed):\n\n");
        r.append("| step | ").append(stepUnit).append(" | seconds | payments made | made/s | completed | p50 ms | p95 ms | p99 ms | max ms |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < steps.size(); i++) {
            Recorder rec = capturedByStep.get(i);
            Histogram h = rec == null ? new Histogram(MAX_MICROS, 3) : rec.getIntervalHistogram();
            long made = madeByStep.getOrDefault(i, new AtomicLong()).get();
            r.append(String.format(Locale.ROOT, "| %d | %.1f | %.0f | %d | %.1f | %d | %.1f | %.1f | %.1f | %.1f |%n", i + 1, steps.get(i)[0],
                    steps.get(i)[1], made, made / steps.get(i)[1], h.getTotalCount(), ms(h, 50), ms(h, 95), ms(h, 99), h.getMaxValue() / 1000.0));
        }
        return r.toString();
    }

    private static void row(StringBuilder r, String label, Histogram h) {
        r.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", label, h.getTotalCount(), ms(h, 50), ms(h, 95), ms(h, 99),
                h.getMaxValue() / 1000.0));
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
