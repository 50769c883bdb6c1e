package dev.seva.desk.domain;

import dev.seva.contracts.LocalizedText;
import dev.seva.contracts.department.LookupAnswered;
import dev.seva.contracts.department.LookupAnswered.Line;
import dev.seva.contracts.department.LookupAnswered.Result;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The answer to a look-up from what the desk's data holds. Pure: {@code seal} seals one of the citizen's
 * values with the asking citizen's key (a holder's name, an address, marks), office values such as a period
 * or a date go clear.
 *
 * <ul>
 *   <li>bills with one open: {@code found}, the oldest open one (by due date) as the bill, with the holder and
 *       the address sealed (the period is the bill's);</li>
 *   <li>bills all paid: {@code nothing_due}, the service's message and the day of the last payment;</li>
 *   <li>nothing: {@code not_found}, the service's message naming what to check;</li>
 *   <li>a record: {@code found} with its lines, the personal ones sealed.</li>
 * </ul>
 */
public final class LookupAnswers {

    static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");
    static final LocalizedText ADDRESS = new LocalizedText("Address", "చిరునామా", "पता");
    static final LocalizedText LAST_PAID = new LocalizedText("Last paid", "చివరి చెల్లింపు", "अंतिम भुगतान");

    /** A bill as the desk's data holds it. */
    public record Bill(String billId, LocalizedText period, LocalDate dueDate, long amountPaise, String holderName, String address,
                       boolean open, Instant paidAt) {
    }

    /** One line of a record; {@code personal} ones are the citizen's and go sealed. */
    public record RecordLine(LocalizedText label, String value, boolean personal) {
    }

    /** What to publish: the result and, as it has them, lines, the bill and a message. */
    public record Answer(Result result, List<Line> lines, LookupAnswered.Bill bill, LocalizedText message) {
    }

    private LookupAnswers() {
    }

    public static Answer forBills(LookupKeys.Spec spec, List<Bill> bills, String language, UnaryOperator<String> seal) {
        if (bills.isEmpty()) {
            return notFound(spec);
        }
        Bill due = bills.stream().filter(Bill::open)
                .min(Comparator.comparing(Bill::dueDate).thenComparing(Bill::billId)).orElse(null);
        if (due == null) {
            List<Line> lines = new ArrayList<>();
            bills.stream().map(Bill::paidAt).filter(java.util.Objects::nonNull).max(Comparator.naturalOrder())
                    .ifPresent(at -> lines.add(new Line(LAST_PAID, LocalDate.ofInstant(at, INDIA).toString())));
            return new Answer(Result.NOTHING_DUE, lines.isEmpty() ? null : lines, null, spec.nothingDue());
        }
        List<Line> lines = new ArrayList<>();
        if (present(due.holderName())) {
            lines.add(new Line(spec.holderLabel(), seal.apply(due.holderName().strip())));
        }
        if (present(due.address())) {
            lines.add(new Line(ADDRESS, seal.apply(due.address().strip())));
        }
        // The period travels in the bill itself (the chat shows it beside the amount), not again as a line.
        return new Answer(Result.FOUND, lines.isEmpty() ? null : lines,
                new LookupAnswered.Bill(due.billId(), due.amountPaise(), due.period(), due.dueDate()), null);
    }

    public static Answer forRecord(LookupKeys.Spec spec, List<RecordLine> record, UnaryOperator<String> seal) {
        if (record == null || record.isEmpty()) {
            return notFound(spec);
        }
        List<Line> lines = record.stream().filter(l -> present(l.value())).limit(12)
                .map(l -> new Line(l.label(), l.personal() ? seal.apply(l.value().strip()) : l.value().strip())).toList();
        return lines.isEmpty() ? notFound(spec) : new Answer(Result.FOUND, lines, null, null);
    }

    public static Answer notFound(LookupKeys.Spec spec) {
        return new Answer(Result.NOT_FOUND, null, null, spec.notFound());
    }

    public static Answer unavailable() {
        return new Answer(Result.UNAVAILABLE, null, null, LookupKeys.UNAVAILABLE);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
