package dev.seva.benchmarks.payments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.EventJson;
import dev.seva.simulator.standin.razorpay.Razorpay;
import dev.seva.simulator.standin.razorpay.RazorpayConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ledger check of a run with payments (issue 17): the gateway's own record, read from the Razorpay stand-in's
 * settlement report ({@code GET /razorpay/v1/settlements/recon/combined}: every captured payment with its order's
 * receipt, which is Seva's order id, and every processed refund) and its payments' {@code amount_refunded} (refunds
 * still pending), against what reached the department's topic ({@code feePaid.orderId} of application.submitted).
 * Every order of a confirmed application ends in one of: paid once, failed/unpaid, refunded. Lost, charged twice,
 * sent unpaid and sent twice are failures.
 */
public final class PaymentLedger {

    /** Where an order ended. The first three are fine; the others fail the check. */
    public enum Category {
        PAID_ONCE("paid once (captured − refunded = 1, on the department topic once with feePaid)", true),
        UNPAID("failed or unpaid (nothing captured, not on the department topic)", true),
        REFUNDED("refunded (captured = refunded)", true),
        LOST("**lost** (captured, not refunded, never on the department topic)", false),
        CHARGED_TWICE("**charged twice** (captured − refunded > 1)", false),
        SENT_UNPAID("**sent unpaid** (on the department topic, nothing captured net)", false),
        SENT_TWICE("**on the department topic more than once** (distinct events with this order)", false);

        final String label;
        final boolean fine;

        Category(String label, boolean fine) {
            this.label = label;
            this.fine = fine;
        }
    }

    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final int LISTED = 50;

    private final Map<String, List<String>> capturedByOrder = new HashMap<>();
    private final Set<String> processedRefunds = new HashSet<>();
    private int refundRows;

    /** Reads the stand-in's settlement report for every day (India) from {@code since} to now. */
    public static PaymentLedger read(String standInBaseUrl, RazorpayConfig config, Instant since) throws Exception {
        PaymentLedger ledger = new PaymentLedger();
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString((config.keyId() + ":" + config.keySecret()).getBytes(StandardCharsets.UTF_8));
        for (LocalDate day = since.atZone(IST).toLocalDate(); !day.isAfter(LocalDate.now(IST)); day = day.plusDays(1)) {
            for (int skip = 0; ; skip += 1000) {
                URI uri = URI.create(standInBaseUrl + "/razorpay/v1/settlements/recon/combined?year=" + day.getYear() + "&month="
                        + day.getMonthValue() + "&day=" + day.getDayOfMonth() + "&count=1000&skip=" + skip);
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", auth).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("The stand-in's settlement report answered " + response.statusCode() + ": " + response.body());
                }
                JsonNode items = EventJson.mapper().readTree(response.body()).path("items");
                items.forEach(ledger::add);
                if (items.size() < 1000) {
                    break;
                }
            }
        }
        return ledger;
    }

    private void add(JsonNode row) {
        if (row.path("type").asText().equals("payment")) {
            capturedByOrder.computeIfAbsent(row.path("order_receipt").asText("(no receipt)"), o -> new ArrayList<>()).add(row.path("entity_id").asText());
        } else if (row.path("type").asText().equals("refund")) {
            refundRows++;
            processedRefunds.add(row.path("payment_id").asText());
        }
    }

    /**
     * @param paidByLoad   every confirmed application's order → the outcome its citizen paid with ("" when the load did not pay it)
     * @param feePaidEvents order id → the distinct application.submitted events on the department topic naming it in feePaid
     * @param razorpay     the stand-in, for each captured payment's {@code amount_refunded} (refunds not processed yet)
     */
    public String report(Map<String, String> paidByLoad, Map<String, Set<String>> feePaidEvents, Razorpay razorpay) {
        Map<Category, List<String>> orders = new EnumMap<>(Category.class);
        Map<String, Map<Category, Integer>> byOutcome = new TreeMap<>();
        int refunds = 0;
        int refundsPending = 0;
        int refundedAfterDepartment = 0;
        Set<String> every = new HashSet<>(paidByLoad.keySet());
        every.addAll(feePaidEvents.keySet());
        List<String> strangers = new ArrayList<>();
        for (String order : capturedByOrder.keySet()) {
            if (every.add(order)) {
                strangers.add(order); // captured at the gateway, but no confirmed application of this run has this order
            }
        }
        for (String order : every) {
            List<String> captured = capturedByOrder.getOrDefault(order, List.of());
            int refunded = 0;
            for (String payment : captured) {
                JsonNode p = razorpay.payment(payment).orElse(null);
                if (p != null && p.path("amount_refunded").asLong() >= p.path("amount").asLong()) {
                    refunded++;
                    if (!processedRefunds.contains(payment)) {
                        refundsPending++;
                    }
                }
            }
            refunds += refunded;
            int net = captured.size() - refunded;
            int onTopic = feePaidEvents.getOrDefault(order, Set.of()).size();
            Category category = net > 1 ? Category.CHARGED_TWICE
                    : onTopic > 1 ? Category.SENT_TWICE
                    : net == 1 ? (onTopic == 1 ? Category.PAID_ONCE : Category.LOST)
                    : captured.isEmpty() ? (onTopic == 0 ? Category.UNPAID : Category.SENT_UNPAID)
                    : onTopic == 0 ? Category.REFUNDED : Category.SENT_UNPAID;
            if (category == Category.SENT_UNPAID && !captured.isEmpty()) {
                refundedAfterDepartment++; // captured and refunded in full, yet the application went on
            }
            orders.computeIfAbsent(category, c -> new ArrayList<>()).add(order);
            String outcome = paidByLoad.getOrDefault(order, "(not a confirmed application of this run)");
            byOutcome.computeIfAbsent(outcome.isEmpty() ? "(not paid by the load)" : outcome, o -> new EnumMap<>(Category.class))
                    .merge(category, 1, Integer::sum);
        }
        return render(orders, byOutcome, strangers, refunds, refundsPending, refundedAfterDepartment);
    }

    private String render(Map<Category, List<String>> orders, Map<String, Map<Category, Integer>> byOutcome, List<String> strangers,
                          int refunds, int refundsPending, int refundedAfterDepartment) {
        int captures = capturedByOrder.values().stream().mapToInt(List::size).sum();
        StringBuilder r = new StringBuilder("\n## Payments: the gateway's ledger against the department's topic\n\n");
        r.append(String.format(java.util.Locale.ROOT, "The Razorpay stand-in's settlement report: %d captured payments on %d orders, %d refunds processed; "
                + "%d payments refunded in full, of which %d refunds still pending at Razorpay.%n%n", captures, capturedByOrder.size(), refundRows,
                refunds, refundsPending));
        r.append("| where the order ended | orders |\n|---|---|\n");
        for (Category c : Category.values()) {
            r.append("| ").append(c.label).append(" | ").append(orders.getOrDefault(c, List.of()).size()).append(" |\n");
        }
        r.append("\nBy the outcome the citizen paid with:\n\n| outcome |");
        for (Category c : Category.values()) {
            r.append(' ').append(c.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).append(" |");
        }
        r.append("\n|---|").append("---|".repeat(Category.values().length)).append('\n');
        byOutcome.forEach((outcome, counts) -> {
            r.append("| ").append(outcome).append(" |");
            for (Category c : Category.values()) {
                r.append(' ').append(counts.getOrDefault(c, 0)).append(" |");
            }
            r.append('\n');
        });
        List<String> failures = new ArrayList<>();
        for (Category c : Category.values()) {
            List<String> ids = orders.getOrDefault(c, List.of());
            if (!c.fine && !ids.isEmpty()) {
                failures.add(ids.size() + " " + c.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                r.append("\n").append(c.name()).append(": ").append(String.join(", ", ids.subList(0, Math.min(LISTED, ids.size()))))
                        .append(ids.size() > LISTED ? " … (" + (ids.size() - LISTED) + " more)" : "").append('\n');
            }
        }
        if (refundedAfterDepartment > 0) {
            r.append("\n(").append(refundedAfterDepartment).append(" of the sent-unpaid orders were captured and refunded in full after "
                    + "their application reached the department.)\n");
        }
        if (!strangers.isEmpty()) {
            r.append("\nCaptured at the gateway on orders of no confirmed application of this run (counted above by where they ended): ")
                    .append(String.join(", ", strangers.subList(0, Math.min(LISTED, strangers.size())))).append('\n');
        }
        if (refundsPending > 0) {
            r.append("\nSome refunds were still pending at the end: they count as refunded (Razorpay has accepted them).\n");
        }
        r.append(failures.isEmpty() ? "\n**Ledger check: PASS** (every order paid once, failed/unpaid or refunded; none lost, none charged twice).\n"
                : "\n**Ledger check: FAIL** (" + String.join(", ", failures) + ").\n");
        return r.toString();
    }

    /** Adds an application.submitted event's {@code feePaid.orderId} (order id → distinct event ids); other events are skipped. */
    public static void addFeePaid(Map<String, Set<String>> byOrder, JsonNode event) {
        String order = event.path("feePaid").path("orderId").asText("");
        if (event.path("eventType").asText().equals("application.submitted") && !order.isEmpty()) {
            byOrder.computeIfAbsent(order, o -> new HashSet<>()).add(event.path("eventId").asText());
        }
    }
}
