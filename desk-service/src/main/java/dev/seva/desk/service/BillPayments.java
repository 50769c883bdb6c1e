package dev.seva.desk.service;

import dev.seva.contracts.EventIds;
import dev.seva.contracts.LocalizedText;
import dev.seva.contracts.Topics;
import dev.seva.contracts.department.ApplicationEvent;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.contracts.department.ApplicationOutcomeDecided.Outcome;
import dev.seva.desk.domain.ApplicationStatus;
import dev.seva.desk.persistence.ApplicationRow;
import dev.seva.desk.persistence.BillRow;
import dev.seva.desk.persistence.HistoryRow;
import dev.seva.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bill of the desk's data paid in the chat (issue 17): the payment arrives as an ordinary
 * {@code application.submitted} whose {@code feePaid.billId} is the id the desk gave in its answer. In the
 * intake's transaction, with the bill's row locked (two payments of one bill at once: the second waits and
 * finds it paid): an open bill is marked paid and the application approved at once, no officer has to act;
 * a bill already paid, unknown to the department, or paid with another amount is refused, and the rejection
 * tells the citizen their payment will be refunded (the platform refunds a rejected paid application). Both
 * go to the department's outcomes topic through the outbox and to the audit log (actor {@code system}).
 */
@ApplicationScoped
public class BillPayments {

    private static final Logger LOG = Logger.getLogger(BillPayments.class);
    /** Who decided, on the application and its outcome: the desk's bills, not an officer. */
    public static final String DESK_BILLS = "desk-bills";

    static final LocalizedText UNKNOWN_BILL = new LocalizedText(
            "The department has no such bill; your payment will be refunded.",
            "శాఖ వద్ద ఈ బిల్లు లేదు; మీ చెల్లింపు తిరిగి ఇవ్వబడుతుంది.",
            "विभाग के पास ऐसा कोई बिल नहीं है; आपका भुगतान वापस कर दिया जाएगा।");
    static final LocalizedText AMOUNT_DIFFERS = new LocalizedText(
            "The amount paid is not the bill's amount; your payment will be refunded. Please look the bill up again.",
            "చెల్లించిన మొత్తం బిల్లు మొత్తం కాదు; మీ చెల్లింపు తిరిగి ఇవ్వబడుతుంది. దయచేసి బిల్లును మళ్లీ చూడండి.",
            "चुकाई गई राशि बिल की राशि नहीं है; आपका भुगतान वापस कर दिया जाएगा। कृपया बिल फिर से देखें।");

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    public static boolean paysABill(ApplicationEvent event) {
        return event.feePaid() != null && event.feePaid().billId() != null;
    }

    /** For the application just stored (status new) in the caller's transaction: the bill settled and the application decided. */
    public Uni<Void> settle(String department, ApplicationRow row, ApplicationEvent.FeePaid fee) {
        return BillRow.<BillRow>findById(fee.billId(), LockModeType.PESSIMISTIC_WRITE).chain(bill -> {
            Instant now = Instant.now(clock);
            if (bill == null || !department.equals(bill.departmentId) || !bill.serviceId.equals(row.serviceId)) {
                return decide(row, Outcome.REJECTED, UNKNOWN_BILL, fee, "unknown-bill", now);
            }
            if (BillRow.PAID.equals(bill.status)) {
                return decide(row, Outcome.REJECTED, alreadyPaid(bill.receiptNumber), fee, "already-paid", now);
            }
            if (fee.amountPaise() != bill.amountPaise) {
                return decide(row, Outcome.REJECTED, AMOUNT_DIFFERS, fee, "amount-differs", now);
            }
            bill.status = BillRow.PAID;
            bill.paidAt = fee.paidAt() == null ? now : fee.paidAt();
            bill.receiptNumber = fee.receiptNumber();
            bill.orderId = fee.orderId();
            bill.applicationRef = row.reference;
            return decide(row, Outcome.APPROVED, null, fee, null, now);
        });
    }

    static LocalizedText alreadyPaid(String receipt) {
        String r = receipt == null || receipt.isBlank() ? "—" : receipt;
        return new LocalizedText(
                "This bill was already paid (receipt " + r + "); your payment will be refunded.",
                "ఈ బిల్లు ఇప్పటికే చెల్లించబడింది (రసీదు " + r + "); మీ చెల్లింపు తిరిగి ఇవ్వబడుతుంది.",
                "इस बिल का भुगतान पहले ही हो चुका है (रसीद " + r + "); आपका भुगतान वापस कर दिया जाएगा।");
    }

    private Uni<Void> decide(ApplicationRow row, Outcome outcome, LocalizedText reason, ApplicationEvent.FeePaid fee, String refusal,
                             Instant now) {
        boolean approved = outcome == Outcome.APPROVED;
        row.status = (approved ? ApplicationStatus.APPROVED : ApplicationStatus.REJECTED).wireName();
        row.open = false;
        row.decidedBy = DESK_BILLS;
        row.updatedAt = now;
        // Office values only (the bill's id, the receipt, why it was refused): nothing the citizen wrote, so clear.
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("billId", fee.billId());
        detail.put("receiptNumber", fee.receiptNumber());
        if (refusal != null) {
            detail.put("refused", refusal);
        }
        String kind = approved ? "bill_paid" : "bill_refused";
        ApplicationOutcomeDecided decided = new ApplicationOutcomeDecided(EventIds.nameBased("desk.bill", row.reference),
                ApplicationOutcomeDecided.EVENT_TYPE, now, row.departmentId, row.reference, row.serviceId, row.citizenRef, outcome,
                reason, null, null, new ApplicationOutcomeDecided.Officer(DESK_BILLS, "Department desk (bills)"));
        LOG.infof("Application %s of %s: bill %s %s", row.reference, row.departmentId, fee.billId(),
                approved ? "marked paid, approved" : "refused (" + refusal + "), rejected for a refund");
        return HistoryRow.of(row.reference, now, DESK_BILLS, kind, Json.write(detail)).persist()
                .chain(() -> outbox.append(Topics.departmentOutcomes(row.departmentId), row.citizenRef, decided))
                .chain(() -> audit.appendSystem(row.departmentId, kind, row.reference, approved ? AuditLog.DONE : AuditLog.REFUSED,
                        "bill " + fee.billId() + (refusal == null ? "" : ": " + refusal)));
    }
}
