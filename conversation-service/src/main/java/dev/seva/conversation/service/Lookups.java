package dev.seva.conversation.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.LocalizedText;
import dev.seva.contracts.Topics;
import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.contracts.department.LookupAnswered;
import dev.seva.contracts.department.LookupRequested;
import dev.seva.conversation.config.ConversationConfig;
import dev.seva.conversation.domain.Answer;
import dev.seva.conversation.domain.Language;
import dev.seva.conversation.domain.Messages;
import dev.seva.conversation.domain.Reply;
import dev.seva.conversation.persistence.CitizenRow;
import dev.seva.conversation.persistence.LookupRow;
import dev.seva.outbox.MessageLog;
import dev.seva.outbox.Outbox;
import dev.seva.privacy.vault.CitizenKey;
import dev.seva.privacy.vault.SealedJson;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Instant answers (issue 17): a look-up service's answers go to the department's system ({@code dept.<d>.lookups.v1})
 * and its answer ({@code dept.<d>.answers.v1}) is told to the citizen in the same chat; a bill or tax found is shown with
 * its amount, period and due date and paid in the chat (an application that goes to the department with the bill id once
 * paid, see {@link Payments}). The pending row decides who speaks: the answer deletes it, or {@link #expire} does once
 * {@code answerBy} passed and apologises; a late answer finds no row and is dropped, so the citizen hears one of the two.
 */
@ApplicationScoped
public class Lookups {

    private static final Logger LOG = Logger.getLogger(Lookups.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    private static final TypeReference<Map<String, JsonNode>> FIELDS = new TypeReference<>() {
    };

    @Inject
    Outbox outbox;

    @Inject
    OutboundMessages outbound;

    @Inject
    MessageLog messageLog;

    @Inject
    VaultAccess vault;

    @Inject
    ConversationConfig config;

    @Inject
    Applications applications;

    @Inject
    Payments payments;

    @Inject
    MeterRegistry meters;

    Clock clock = Clock.systemUTC();

    /** Sends the look-up to the department and answers "one moment"; in the caller's transaction. */
    public Uni<List<Reply>> ask(CitizenRow citizen, CitizenKey key, ServiceDefinition service, Map<String, Answer> answers) {
        Language l = Language.of(citizen.language);
        Instant now = Instant.now(clock);
        Instant answerBy = now.plus(config.lookups().timeout()).truncatedTo(ChronoUnit.MILLIS);
        // Sealed as on the applications topic: the department opens them with the citizen's key (decision 009).
        Map<String, JsonNode> fields = SealedJson.sealAll(key, Applications.fields(service, answers, new ArrayList<>()));
        LookupRow row = new LookupRow();
        row.lookupId = "LKP-" + ConversationHandler.randomText(26);
        row.citizenRef = citizen.citizenRef;
        row.departmentId = service.departmentId();
        row.serviceId = service.id();
        row.serviceVersion = service.version();
        row.serviceName = Json.write(service.names());
        row.kind = service.lookup().wireName();
        row.answers = Json.sealed(key, answers);
        row.fields = Json.write(fields);
        row.answerBy = answerBy;
        row.createdAt = now;
        LookupRequested request = new LookupRequested(EventIds.random(), LookupRequested.EVENT_TYPE, now, service.departmentId(), row.lookupId,
                service.id(), citizen.citizenRef, citizen.language, fields, answerBy);
        meters.counter("seva_conversation_lookups_total", "department", service.departmentId(), "result", "asked").increment();
        return row.persist()
                .chain(() -> outbox.append(Topics.departmentLookups(service.departmentId()), citizen.citizenRef, request))
                .replaceWith(List.<Reply>of(new Reply.Text(Messages.text(l, "lookup.asked.text", service.names().in(l.code())))));
    }

    public Uni<Void> onAnswer(String topic, LookupAnswered answer) {
        String department = Topics.parseDepartmentTopic(topic).map(Topics.DepartmentTopic::departmentId)
                .orElseThrow(() -> new DepartmentUpdates.Unprocessable("not a department topic: " + topic));
        return Panache.withTransaction(() -> messageLog.firstDelivery(answer.eventId(), topic)
                .chain(first -> first ? apply(department, answer) : Uni.createFrom().voidItem()));
    }

    private Uni<Void> apply(String department, LookupAnswered answer) {
        return LookupRow.<LookupRow>findById(answer.lookupId(), LockModeType.PESSIMISTIC_WRITE).chain(row -> {
            if (row == null) {
                // Answered after answerBy (the citizen had the apology), or twice under two event ids: nothing more to say.
                LOG.infof("Answer to look-up %s from %s came late or twice: dropped", answer.lookupId(), department);
                count(department, "late");
                return Uni.createFrom().voidItem();
            }
            if (!row.departmentId.equals(department)) {
                throw new DepartmentUpdates.Unprocessable("look-up " + row.lookupId + " was asked of " + row.departmentId + ", not " + department);
            }
            if (!row.citizenRef.equals(answer.citizenRef())) {
                throw new DepartmentUpdates.Unprocessable("citizenRef does not match look-up " + row.lookupId);
            }
            count(department, answer.result().wireName());
            return row.delete().chain(() -> vault.keyUnlessErased(row.citizenRef))
                    .chain(key -> key == null ? Uni.createFrom().voidItem()
                            : CitizenRow.<CitizenRow>findById(row.citizenRef).chain(citizen -> tell(citizen, key, row, answer)));
        });
    }

    private Uni<Void> tell(CitizenRow citizen, CitizenKey key, LookupRow row, LookupAnswered answer) {
        Language l = Language.of(citizen.language);
        String service = Json.read(row.serviceName, LocalizedText.class).in(l.code());
        String details = lines(l, key, answer.lines());
        if (answer.result() == LookupAnswered.Result.FOUND && answer.bill() != null && "dues".equals(row.kind)) {
            return bill(citizen, key, row, answer.bill(), service, details);
        }
        String text = switch (answer.result()) {
            case FOUND -> Messages.text(l, "lookup.found.text", service, details);
            case NOTHING_DUE -> Messages.text(l, "lookup.nothing_due.text", service, message(l, answer, "lookup.nothing_due.default"), details);
            case NOT_FOUND -> Messages.text(l, "lookup.not_found.text", service, message(l, answer, "lookup.not_found.default"));
            case UNAVAILABLE -> Messages.text(l, "lookup.unavailable.text", service, message(l, answer, "lookup.unavailable.default"));
        };
        return outbound.send(OutboundMessages.Recipient.of(citizen), List.of(new Reply.Text(cut(tidy(text), 4096))), null, null);
    }

    /** A bill found: an application awaiting its payment, the bill shown, and WhatsApp's "Review and pay". */
    private Uni<Void> bill(CitizenRow citizen, CitizenKey key, LookupRow row, LookupAnswered.Bill bill, String service, String details) {
        Language l = Language.of(citizen.language);
        Map<String, JsonNode> fields = Json.read(row.fields, FIELDS);
        return applications.openBill(citizen, row, fields, bill).chain(app -> {
            String period = bill.period() == null ? "-" : bill.period().in(l.code());
            String due = bill.dueDate() == null ? "-" : DAY.format(bill.dueDate());
            boolean overdue = bill.dueDate() != null && bill.dueDate().isBefore(LocalDate.now(clock.withZone(Applications.INDIA)));
            String text = Messages.text(l, overdue ? "lookup.bill.overdue.text" : "lookup.bill.text", service, details,
                    Payments.rupees(bill.amountPaise()), period, due, app.reference);
            return payments.requestPayment(citizen, app, false).chain(order -> {
                List<Reply> replies = new ArrayList<>();
                replies.add(new Reply.Text(cut(tidy(text), 4096)));
                replies.addAll(order);
                return outbound.send(OutboundMessages.Recipient.of(citizen), replies, null, app.reference);
            });
        });
    }

    /** The answer's lines, "*label*: value", the citizen's values opened with their key. */
    private static String lines(Language l, CitizenKey key, List<LookupAnswered.Line> lines) {
        if (lines == null || lines.isEmpty()) {
            return "";
        }
        return lines.stream().map(line -> "*" + line.label().in(l.code()) + "*: " + SealedJson.openText(key, line.value()))
                .collect(Collectors.joining("\n"));
    }

    private static String message(Language l, LookupAnswered answer, String fallback) {
        return answer.message() == null ? Messages.text(l, fallback) : answer.message().in(l.code());
    }

    /**
     * Look-ups not answered by their {@code answerBy}: the citizen is told the department did not answer (try later), and
     * the row goes, so a late answer is dropped. Rows are claimed with SKIP LOCKED: one replica apologises for each.
     */
    public Uni<Integer> expire() {
        Instant now = Instant.now(clock);
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                                "SELECT * FROM pending_lookup WHERE answer_by < ?1 ORDER BY answer_by LIMIT 100 FOR UPDATE SKIP LOCKED", LookupRow.class)
                        .setParameter(1, now).getResultList())
                .chain(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (LookupRow row : rows) {
                        chain = chain.chain(() -> apologise(row));
                    }
                    return chain.replaceWith(rows.size());
                }));
    }

    private Uni<Void> apologise(LookupRow row) {
        count(row.departmentId, "timed_out");
        LOG.warnf("Look-up %s of %s (%s) not answered in time: the citizen was told to try later", row.lookupId, row.departmentId, row.serviceId);
        return row.delete().chain(() -> vault.keyUnlessErased(row.citizenRef))
                .chain(key -> key == null ? Uni.createFrom().voidItem() : CitizenRow.<CitizenRow>findById(row.citizenRef).chain(citizen -> {
                    if (citizen == null) {
                        return Uni.createFrom().voidItem();
                    }
                    Language l = Language.of(citizen.language);
                    String service = Json.read(row.serviceName, LocalizedText.class).in(l.code());
                    return outbound.send(OutboundMessages.Recipient.of(citizen),
                            List.of(new Reply.Text(Messages.text(l, "lookup.timeout.text", service))), null, null);
                }));
    }

    private void count(String department, String result) {
        meters.counter("seva_conversation_lookups_total", "department", department, "result", result).increment();
    }

    /** Without the blank lines an answer without lines leaves. */
    private static String tidy(String text) {
        return text.replaceAll("\n{3,}", "\n\n").strip();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
