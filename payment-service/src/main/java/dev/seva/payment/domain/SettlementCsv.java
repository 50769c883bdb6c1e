package dev.seva.payment.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The treasury's settlement report of one department and one day (India time): a header, one line per paid order and
 * per processed refund, and a totals line. Amounts in rupees with two decimals; refunds negative, so a column sum is the
 * day's net. Times in India's offset ({@code 2026-12-07T14:46:02+05:30}).
 */
public final class SettlementCsv {

    public static final String HEADER = "type,receipt_number,order_id,application_ref,service_id,amount_inr,method,"
            + "gateway_order_id,gateway_payment_id,gateway_refund_id,at";
    private static final DateTimeFormatter AT = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ReceiptNumbers.INDIA);

    private SettlementCsv() {
    }

    /** One line: a payment (positive amount, at = paid at) or a refund (negative, at = processed at). */
    public record Line(boolean refund, String receiptNumber, String orderId, String applicationRef, String serviceId, long amountPaise,
                       String method, String gatewayOrderId, String gatewayPaymentId, String gatewayRefundId, Instant at) {
    }

    public static String render(String departmentId, LocalDate day, List<Line> lines) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        long paid = 0;
        long refunded = 0;
        int payments = 0;
        int refunds = 0;
        for (Line line : lines) {
            long signed = line.refund() ? -line.amountPaise() : line.amountPaise();
            if (line.refund()) {
                refunded += line.amountPaise();
                refunds++;
            } else {
                paid += line.amountPaise();
                payments++;
            }
            row(csv, line.refund() ? "refund" : "payment", line.receiptNumber(), line.orderId(), line.applicationRef(), line.serviceId(),
                    Rupees.of(signed), line.method(), line.gatewayOrderId(), line.gatewayPaymentId(), line.gatewayRefundId(),
                    line.at() == null ? null : AT.format(line.at()));
        }
        // The totals: how many of each (in the id columns) and the day's net (payments − refunds) in the amount column.
        row(csv, "total", departmentId + " " + day, payments + " payments " + Rupees.of(paid), refunds + " refunds " + Rupees.of(refunded),
                null, Rupees.of(paid - refunded), null, null, null, null, null);
        return csv.toString();
    }

    private static void row(StringBuilder csv, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(escape(values[i]));
        }
        csv.append("\r\n");
    }

    /** RFC 4180 quoting; a value starting like a formula is prefixed with ' so a spreadsheet shows it as text. */
    static String escape(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
