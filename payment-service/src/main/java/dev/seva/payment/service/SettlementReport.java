package dev.seva.payment.service;

import dev.seva.payment.domain.ReceiptNumbers;
import dev.seva.payment.domain.SettlementCsv;
import dev.seva.payment.persistence.OrderRow;
import dev.seva.payment.persistence.RefundRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A department's settlement report of one day in India: its orders paid that day and its refunds processed that day. */
@ApplicationScoped
public class SettlementReport {

    public Uni<String> csv(String departmentId, LocalDate day) {
        Instant from = day.atStartOfDay(ReceiptNumbers.INDIA).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(ReceiptNumbers.INDIA).toInstant();
        return Panache.withSession(() -> OrderRow.<OrderRow>list("departmentId = ?1 and paidAt >= ?2 and paidAt < ?3", departmentId, from, to)
                .chain(paid -> RefundRow.<RefundRow>list("status = ?1 and processedAt >= ?2 and processedAt < ?3", RefundRow.PROCESSED, from, to)
                        .chain(refunds -> ordersOf(refunds).map(orders -> lines(departmentId, paid, refunds, orders)))))
                .map(lines -> SettlementCsv.render(departmentId, day, lines));
    }

    private static Uni<Map<String, OrderRow>> ordersOf(List<RefundRow> refunds) {
        if (refunds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> ids = refunds.stream().map(r -> r.orderId).distinct().toList();
        return OrderRow.<OrderRow>list("orderId in ?1", ids)
                .map(orders -> orders.stream().collect(Collectors.toMap(o -> o.orderId, Function.identity())));
    }

    private static List<SettlementCsv.Line> lines(String departmentId, List<OrderRow> paid, List<RefundRow> refunds, Map<String, OrderRow> orders) {
        List<SettlementCsv.Line> lines = new ArrayList<>();
        for (OrderRow o : paid) {
            lines.add(new SettlementCsv.Line(false, o.receiptNumber, o.orderId, o.applicationRef, o.serviceId,
                    o.paidAmountPaise == null ? o.amountPaise : o.paidAmountPaise, o.method, o.gatewayOrderId, o.paidPaymentId, null, o.paidAt));
        }
        for (RefundRow r : refunds) {
            OrderRow o = orders.get(r.orderId);
            if (o == null || !departmentId.equals(o.departmentId)) {
                continue;
            }
            String receipt = r.paymentId.equals(o.paidPaymentId) ? o.receiptNumber : null;
            lines.add(new SettlementCsv.Line(true, receipt, o.orderId, o.applicationRef, o.serviceId, r.amountPaise, null, r.gatewayOrderId,
                    r.paymentId, r.gatewayRefundId, r.processedAt));
        }
        lines.sort(Comparator.comparing(SettlementCsv.Line::at));
        return lines;
    }
}
