package dev.seva.desk.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.consumer.UnprocessableRecord;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Topics;
import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.contracts.citizen.CitizenErasureRequested;
import dev.seva.contracts.department.ApplicationEvent;
import dev.seva.desk.client.CitizenKeys;
import dev.seva.desk.config.DeskConfig;
import dev.seva.desk.domain.ApplicationStatus;
import dev.seva.desk.domain.CitizenSeal;
import dev.seva.desk.domain.WorkingCalendar;
import dev.seva.desk.persistence.ApplicationRow;
import dev.seva.desk.persistence.HistoryRow;
import dev.seva.desk.persistence.ThreadRow;
import dev.seva.outbox.MessageLog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * What a desk-served department's topic delivers, taken into the desk: a submitted application joins
 * its department's queue with its due date; the citizen's answer to an officer's question returns the
 * application to the officer; a withdrawal closes it. The department is the topic's, never the
 * payload's: an event claiming another department is refused (dead-lettered). Each event once
 * (message log), in one transaction with its effect. What the citizen wrote (answers, attachments,
 * information) arrives sealed value by value with their key from vault-service and is opened with it
 * before anything looks at it ({@link SealedValues}), then stored sealed as a whole with the same key;
 * for a citizen the vault says is erased nothing is opened or stored at all. A submission that pays a bill of
 * the desk's data ({@code feePaid.billId}) is decided at once ({@link BillPayments}).
 */
@ApplicationScoped
public class Intake {

    private static final Logger LOG = Logger.getLogger(Intake.class);

    @Inject
    MessageLog messageLog;

    @Inject
    DeskConfig config;

    @Inject
    WorkingCalendar calendar;

    @Inject
    CatalogueView catalogue;

    @Inject
    CitizenKeys keys;

    @Inject
    BillPayments bills;

    @Inject
    Clock clock;

    public boolean serves(String departmentId) {
        return config.departments().contains(departmentId);
    }

    public Uni<Void> onApplicationEvent(String topic, ApplicationEvent event) {
        String department = Topics.parseDepartmentTopic(topic).map(Topics.DepartmentTopic::departmentId)
                .orElseThrow(() -> new UnprocessableRecord("not a department topic"));
        if (!serves(department)) {
            return Uni.createFrom().voidItem();
        }
        if (!department.equals(event.departmentId())) {
            throw new UnprocessableRecord("event names department " + event.departmentId() + " on the topic of " + department);
        }
        // The citizen's key first, outside the transaction (no row is locked while the vault answers); a
        // vault that does not answer fails the record, which the consumer retries until it does.
        boolean personal = ApplicationEvent.SUBMITTED.equals(event.eventType()) || ApplicationEvent.INFORMATION_PROVIDED.equals(event.eventType());
        Uni<CitizenSeal> key = personal ? keys.of(event.citizenRef()) : Uni.createFrom().item(CitizenSeal.ERASED);
        return key.chain(seal -> Panache.withTransaction(() -> messageLog.firstDelivery(event.eventId(), topic).chain(first -> {
            if (!first) {
                return Uni.createFrom().voidItem();
            }
            return switch (event.eventType()) {
                case ApplicationEvent.SUBMITTED -> submitted(department, event, seal);
                case ApplicationEvent.INFORMATION_PROVIDED -> informationProvided(department, event, seal);
                case ApplicationEvent.WITHDRAWN -> withdrawn(department, event);
                default -> throw new UnprocessableRecord("unknown event type " + event.eventType());
            };
        })));
    }

    private Uni<Void> submitted(String department, ApplicationEvent event, CitizenSeal seal) {
        return ApplicationRow.<ApplicationRow>findById(event.applicationRef()).chain(existing -> {
            if (existing != null) {
                // The same application submitted again under another event id (a producer retry): already queued.
                return Uni.createFrom().voidItem();
            }
            if (seal.erased()) {
                // The citizen asked to be erased (the vault destroyed their key) before the desk saw this: keep nothing.
                LOG.infof("Application %s of %s not queued: its citizen has been erased", event.applicationRef(), department);
                return Uni.createFrom().voidItem();
            }
            // The answers travel sealed one by one with the citizen's key: opened before anything looks at them
            // (a value another citizen's key sealed, or of a shape no answer has, refuses the whole record).
            Map<String, JsonNode> fields = SealedValues.openFields(seal, event.applicationRef(), event.fields());
            Instant now = Instant.now(clock);
            ApplicationRow row = new ApplicationRow();
            row.reference = event.applicationRef();
            row.departmentId = department;
            row.serviceId = event.serviceId();
            row.serviceVersion = event.serviceVersion();
            row.citizenRef = event.citizenRef();
            row.language = event.language() == null ? "en" : event.language();
            row.status = ApplicationStatus.NEW.wireName();
            row.open = true;
            row.fields = seal.seal(Json.write(fields));
            row.attachments = seal.seal(Json.write(event.attachments()));
            row.district = place(fields, "district");
            row.mandal = place(fields, "mandal");
            row.submittedAt = event.occurredAt() == null ? now : event.occurredAt();
            row.slaDays = event.slaDays() != null ? event.slaDays()
                    : catalogue.service(event.serviceId()).map(ServiceDefinition::slaDays).orElse(0);
            row.dueDate = calendar.addWorkingDays(LocalDate.ofInstant(row.submittedAt, Calendar.INDIA), row.slaDays);
            row.updatedAt = now;
            boolean bill = BillPayments.paysABill(event);
            if (!bill) {
                LOG.infof("Application %s of %s queued, due %s", row.reference, department, row.dueDate);
            }
            // A bill of the desk's data paid in the chat is settled here, in this transaction: no officer has to act on it.
            return row.persist().chain(() -> HistoryRow.of(row.reference, row.submittedAt, "citizen", "submitted", null).persist())
                    .chain(() -> bill ? bills.settle(department, row, event.feePaid()) : Uni.createFrom().voidItem())
                    .replaceWithVoid();
        });
    }

    private Uni<Void> informationProvided(String department, ApplicationEvent event, CitizenSeal seal) {
        return locked(department, event.applicationRef()).chain(row -> {
            if (row.citizenRef == null || seal.erased()) {
                LOG.infof("Information for application %s not stored: its citizen has been erased", row.reference);
                return Uni.createFrom().voidItem();
            }
            if (!row.citizenRef.equals(event.citizenRef())) {
                // Sealed with another citizen's key it could not be opened (the reference is the seal's associated data).
                throw new UnprocessableRecord("information for application " + row.reference + " names another citizen");
            }
            // Opened first (sealed for another citizen, it is refused like an event naming another citizen).
            JsonNode answer = event.information() == null ? null
                    : SealedValues.openAnswer(seal, row.reference, event.information().answer());
            ObjectNode detail = EventJson.mapper().createObjectNode();
            if (event.information() != null) {
                detail.put("questionId", event.information().questionId());
                Answers.printable(answer).ifPresent(a -> detail.put("answer", a));
            }
            if (event.attachments() != null && !event.attachments().isEmpty()) {
                String stored = seal.open(row.attachments);
                ArrayNode all = stored == null ? EventJson.mapper().createArrayNode() : (ArrayNode) Json.tree(stored);
                event.attachments().forEach(a -> all.add(EventJson.mapper().valueToTree(a)));
                row.attachments = seal.seal(all.toString());
                detail.set("attachments", EventJson.mapper().valueToTree(event.attachments()));
            }
            if (ApplicationStatus.AWAITING_CITIZEN.wireName().equals(row.status)) {
                row.status = ApplicationStatus.ACCEPTED.wireName();
                row.pendingQuestion = null;
            }
            row.updatedAt = Instant.now(clock);
            return HistoryRow.of(row.reference, event.occurredAt(), "citizen", "information_provided", seal.seal(detail.toString()))
                    .persist().replaceWithVoid();
        });
    }

    private Uni<Void> withdrawn(String department, ApplicationEvent event) {
        return locked(department, event.applicationRef()).chain(row -> {
            if (!ApplicationStatus.fromWire(row.status).isOpen()) {
                return Uni.createFrom().voidItem();
            }
            row.status = ApplicationStatus.WITHDRAWN.wireName();
            row.open = false;
            row.updatedAt = Instant.now(clock);
            return HistoryRow.of(row.reference, event.occurredAt(), "citizen", "withdrawn", null).persist().replaceWithVoid();
        });
    }

    /**
     * Erasure: the citizen's answers, attachments, questions, history details and handover messages
     * go; what remains (reference, service, dates, who decided) holds no personal data. Any later action
     * on the application is refused as "erased". The citizen's key leaves the desk's memory too; the
     * vault destroys it, which makes the sealed copies in backups unreadable.
     */
    public Uni<Void> onErasure(String topic, CitizenErasureRequested erasure) {
        keys.evict(erasure.citizenRef());
        return Panache.withTransaction(() -> messageLog.firstDelivery(erasure.eventId(), topic).chain(first -> {
            if (!first) {
                return Uni.createFrom().voidItem();
            }
            Instant now = Instant.now(clock);
            return ApplicationRow.<ApplicationRow>list("citizenRef", erasure.citizenRef()).chain(rows -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (ApplicationRow row : rows) {
                    chain = chain.chain(() -> HistoryRow.update("detail = null where reference = ?1", row.reference)
                            .chain(() -> HistoryRow.of(row.reference, now, "citizen", "erased", null).persist()).replaceWithVoid());
                    row.citizenRef = null;
                    row.fields = null;
                    row.attachments = null;
                    row.pendingQuestion = null;
                    row.district = null;
                    row.mandal = null;
                    row.status = ApplicationStatus.ERASED.wireName();
                    row.open = false;
                    row.updatedAt = now;
                }
                return chain;
            }).chain(() -> ThreadRow.<ThreadRow>list("citizenRef", erasure.citizenRef())).chain(threads -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (ThreadRow t : threads) {
                    chain = chain.chain(() -> dev.seva.desk.persistence.ThreadMessageRow.delete("threadId", t.threadId).replaceWithVoid());
                    t.citizenRef = null;
                    t.status = ThreadRow.CLOSED;
                    t.closedAt = t.closedAt == null ? now : t.closedAt;
                    t.closedBy = t.closedBy == null ? "erasure" : t.closedBy;
                }
                return chain;
            });
        })).invoke(() -> keys.evict(erasure.citizenRef()));
    }

    private static Uni<ApplicationRow> locked(String department, String reference) {
        return ApplicationRow.<ApplicationRow>findById(reference, LockModeType.PESSIMISTIC_WRITE).map(row -> {
            if (row == null) {
                throw new UnprocessableRecord("unknown application " + reference);
            }
            if (!row.departmentId.equals(department)) {
                throw new UnprocessableRecord("application " + reference + " belongs to another department");
            }
            return row;
        });
    }

    private static String place(Map<String, JsonNode> fields, String key) {
        if (fields == null || fields.get(key) == null || !fields.get(key).isTextual()) {
            return null;
        }
        String value = fields.get(key).asText().strip();
        return value.isEmpty() ? null : value.length() > 100 ? value.substring(0, 100) : value;
    }
}
