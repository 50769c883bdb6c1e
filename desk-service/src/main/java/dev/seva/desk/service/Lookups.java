package dev.seva.desk.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.consumer.UnprocessableRecord;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.LocalizedText;
import dev.seva.contracts.Topics;
import dev.seva.contracts.department.LookupAnswered;
import dev.seva.contracts.department.LookupRequested;
import dev.seva.desk.client.CitizenKeys;
import dev.seva.desk.domain.CitizenSeal;
import dev.seva.desk.domain.LookupAnswers;
import dev.seva.desk.domain.LookupKeys;
import dev.seva.desk.persistence.BillRow;
import dev.seva.desk.persistence.RecordRow;
import dev.seva.outbox.MessageLog;
import dev.seva.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Instant answers for the departments the desk serves (issue 17): a look-up on {@code dept.<d>.lookups.v1}
 * is answered from the desk's data ({@code desk_bill}, {@code desk_record}) on {@code dept.<d>.answers.v1},
 * through the outbox, in the transaction that records the request as seen. The department is the topic's:
 * a request naming another is the record's fault (dead-lettered). The citizen's answers arrive sealed with
 * their key and are opened with it (fetched before the transaction; a vault that does not answer fails the
 * record, which waits and is retried); what the answer shows of the citizen (a holder's name, an address,
 * marks) goes sealed with the same key. The answer's event id is derived from the lookupId, and recorded as
 * the request's is: a request delivered again, even under another event id, is answered once. A request
 * already past its {@code answerBy} is dropped: the citizen has been told the department did not answer.
 */
@ApplicationScoped
public class Lookups {

    private static final Logger LOG = Logger.getLogger(Lookups.class);
    private static final TypeReference<List<StoredLine>> LINES = new TypeReference<>() {
    };

    /** A line of {@code desk_record.lines}. */
    record StoredLine(LocalizedText label, String value, boolean personal) {
    }

    @Inject
    MessageLog messageLog;

    @Inject
    Outbox outbox;

    @Inject
    CitizenKeys keys;

    @Inject
    Intake intake;

    @Inject
    MeterRegistry meters;

    @Inject
    Clock clock;

    public Uni<Void> onLookup(String topic, LookupRequested request) {
        String department = Topics.parseDepartmentTopic(topic).map(Topics.DepartmentTopic::departmentId)
                .orElseThrow(() -> new UnprocessableRecord("not a department topic"));
        if (!intake.serves(department)) {
            return Uni.createFrom().voidItem();
        }
        if (!department.equals(request.departmentId())) {
            throw new UnprocessableRecord("look-up " + request.lookupId() + " names department " + request.departmentId()
                    + " on the topic of " + department);
        }
        if (!LookupRequested.EVENT_TYPE.equals(request.eventType())) {
            throw new UnprocessableRecord("unknown event type " + request.eventType());
        }
        if (request.answerBy() != null && Instant.now(clock).isAfter(request.answerBy())) {
            // conversation-service has already told the citizen the department did not answer; an answer now is dropped there.
            LOG.debugf("Look-up %s of %s arrived after its answerBy: not answered", request.lookupId(), department);
            count(department, "late");
            return Uni.createFrom().voidItem();
        }
        // The citizen's key first, outside the transaction; a vault that does not answer fails the record (retried).
        return keys.of(request.citizenRef()).chain(seal -> {
            if (seal.erased()) {
                LOG.infof("Look-up %s of %s not answered: its citizen has been erased", request.lookupId(), department);
                return Uni.createFrom().voidItem();
            }
            Map<String, String> answers = texts(SealedValues.openFieldsOf(seal, "look-up " + request.lookupId(), request.fields()));
            UUID answerId = EventIds.nameBased("desk.lookup.answered", request.lookupId());
            String answersTopic = Topics.departmentAnswers(department);
            return Panache.withTransaction(() -> messageLog.firstDelivery(request.eventId(), topic)
                            .chain(first -> first ? messageLog.firstDelivery(answerId, answersTopic) : Uni.createFrom().item(false))
                            .chain(first -> !first ? Uni.createFrom().<LookupAnswered.Result>nullItem()
                                    : answer(department, request, answers, seal).chain(answer -> outbox.append(answersTopic, request.citizenRef(),
                                            new LookupAnswered(answerId, LookupAnswered.EVENT_TYPE, Instant.now(clock), department,
                                                    request.lookupId(), request.serviceId(), request.citizenRef(), answer.result(),
                                                    answer.lines(), answer.bill(), answer.message()))
                                            .replaceWith(answer.result()))))
                    .invoke(result -> {
                        if (result != null) {
                            count(department, result.wireName());
                        }
                    }).replaceWithVoid();
        });
    }

    private Uni<LookupAnswers.Answer> answer(String department, LookupRequested request, Map<String, String> answers, CitizenSeal seal) {
        LookupKeys.Spec spec = LookupKeys.spec(request.serviceId()).orElse(null);
        if (spec == null) {
            return Uni.createFrom().item(LookupAnswers.unavailable());
        }
        LookupKeys.Query query;
        try {
            query = LookupKeys.query(spec, answers);
        } catch (LookupKeys.InvalidValue invalid) {
            // The citizen's input is checked by conversation-service; what fails here finds nothing (the reason names the field only).
            LOG.debugf("Look-up %s: %s", request.lookupId(), invalid.getMessage());
            return Uni.createFrom().item(LookupAnswers.notFound(spec));
        }
        java.util.function.UnaryOperator<String> sealed = clear -> SealedValues.sealText(seal, clear);
        if (spec.kind() == LookupKeys.Kind.DUES) {
            return BillRow.<BillRow>list("serviceId = ?1 and lookupKey = ?2 and departmentId = ?3", spec.serviceId(), query.key(), department)
                    .map(rows -> rows.stream().filter(b -> matches(query, b.area, b.checkValue)).map(Lookups::bill).toList())
                    .map(bills -> LookupAnswers.forBills(spec, bills, request.language(), sealed));
        }
        return RecordRow.<RecordRow>findById(new RecordRow.Key(spec.serviceId(), query.key())).map(row -> {
            if (row == null || !row.departmentId.equals(department) || !matches(query, null, row.checkValue)) {
                return LookupAnswers.notFound(spec);
            }
            List<LookupAnswers.RecordLine> lines = Json.read(row.lines, LINES).stream()
                    .map(l -> new LookupAnswers.RecordLine(l.label(), l.value(), l.personal())).toList();
            return LookupAnswers.forRecord(spec, lines, sealed);
        });
    }

    /** The area in any case (Guntur, GUNTUR), the check value as normalised; what the service does not ask is not compared. */
    static boolean matches(LookupKeys.Query query, String area, String checkValue) {
        if (query.area() != null && (area == null || !area.strip().toLowerCase(Locale.ROOT).equals(query.area().toLowerCase(Locale.ROOT)))) {
            return false;
        }
        return query.check() == null || Objects.equals(LookupKeys.normaliseKey(checkValue, false), query.check());
    }

    private static LookupAnswers.Bill bill(BillRow row) {
        LocalizedText period = row.period == null ? null : EventJson.mapper().convertValue(Json.tree(row.period), LocalizedText.class);
        return new LookupAnswers.Bill(row.billId, period, row.dueDate, row.amountPaise, row.holderName, row.address,
                BillRow.OPEN.equals(row.status), row.paidAt);
    }

    /** The opened answers as texts (a number as written); other shapes (a location) are not keys and are left out. */
    private static Map<String, String> texts(Map<String, JsonNode> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        if (fields != null) {
            fields.forEach((id, v) -> {
                if (v != null && (v.isTextual() || v.isNumber())) {
                    out.put(id, v.asText());
                }
            });
        }
        return out;
    }

    private void count(String department, String result) {
        meters.counter("seva.desk.lookups", "department", department, "result", result).increment();
    }
}
