package dev.seva.simulator.standin.razorpay;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settlement recon report ({@code GET /v1/settlements/recon/combined}): one row per captured payment
 * (credit = amount − fee, the fee including its tax) and per processed refund (debit = amount), with the
 * order's {@code order_receipt}. The simulator settles at once (T+0) in one settlement per day in India's
 * time zone (IST), where Razorpay settles T+2 or so: a reconciliation job sees a payment in the report as
 * soon as it is captured.
 */
final class Recon {

    static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    /** A day's settlement: its id and bank reference. */
    private record Settlement(String id, String utr) {
    }

    private final Map<LocalDate, Settlement> settlements = new HashMap<>();

    List<ObjectNode> rows(Collection<RazorpayPayment> payments, Collection<RazorpayRefund> refunds, Map<String, RazorpayPayment> paymentsById,
                          Map<String, RazorpayOrder> orders, int year, int month, Integer day) {
        List<ObjectNode> rows = new ArrayList<>();
        for (RazorpayPayment p : payments) {
            if (p.captured && matches(p.capturedAt, year, month, day)) {
                rows.add(row(p.id, "payment", 0, p.amount - p.fee, p.amount, p.currency, p.fee, p.tax, p.createdAt, p.capturedAt,
                        null, p, orders.get(p.orderId)));
            }
        }
        for (RazorpayRefund r : refunds) {
            if (r.status.equals("processed") && matches(r.processedAt, year, month, day)) {
                RazorpayPayment p = paymentsById.get(r.paymentId);
                rows.add(row(r.id, "refund", r.amount, 0, r.amount, r.currency, 0, 0, r.createdAt, r.processedAt, r.paymentId, p,
                        p == null ? null : orders.get(p.orderId)));
            }
        }
        rows.sort(Comparator.comparingLong((ObjectNode n) -> n.get("settled_at").asLong()).thenComparing(n -> n.get("entity_id").asText()));
        return rows;
    }

    private ObjectNode row(String entityId, String type, long debit, long credit, long amount, String currency, long fee, long tax,
                           long createdAt, long settledAt, String paymentId, RazorpayPayment payment, RazorpayOrder order) {
        Settlement settlement = settlements.computeIfAbsent(date(settledAt),
                d -> new Settlement(RazorpayIds.id("setl"), RazorpayIds.random(4) + RazorpayIds.digits(12)));
        ObjectNode row = Json.object();
        row.put("entity_id", entityId);
        row.put("type", type);
        row.put("debit", debit);
        row.put("credit", credit);
        row.put("amount", amount);
        row.put("currency", currency);
        row.put("fee", fee);
        row.put("tax", tax);
        row.put("on_hold", false);
        row.put("settled", true);
        row.put("created_at", createdAt);
        row.put("settled_at", settledAt);
        row.put("settlement_id", settlement.id());
        row.putNull("posted_at");
        row.put("credit_type", "default");
        row.putNull("description");
        row.set("notes", payment == null ? null : Json.notes(payment.notes));
        Json.putNullable(row, "payment_id", paymentId);
        row.put("settlement_utr", settlement.utr());
        Json.putNullable(row, "order_id", payment == null ? null : payment.orderId);
        Json.putNullable(row, "order_receipt", order == null ? null : order.receipt);
        Json.putNullable(row, "method", payment == null ? null : payment.method);
        row.putNull("card_network");
        row.putNull("card_issuer");
        row.putNull("card_type");
        row.putNull("dispute_id");
        return row;
    }

    private static boolean matches(long epochSecond, int year, int month, Integer day) {
        LocalDate date = date(epochSecond);
        return date.getYear() == year && date.getMonthValue() == month && (day == null || date.getDayOfMonth() == day);
    }

    private static LocalDate date(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).atZone(IST).toLocalDate();
    }
}
