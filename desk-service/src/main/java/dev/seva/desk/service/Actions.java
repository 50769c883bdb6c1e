package dev.seva.desk.service;

import dev.seva.contracts.EventIds;
import dev.seva.contracts.LocalizedText;
import dev.seva.contracts.Topics;
import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.contracts.department.ApplicationOutcomeDecided.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.desk.client.CitizenKeys;
import dev.seva.desk.client.DocumentTemplates;
import dev.seva.desk.config.DeskConfig;
import dev.seva.desk.domain.ActionRefused;
import dev.seva.desk.domain.ApplicationStatus;
import dev.seva.desk.domain.CertificatePrefill;
import dev.seva.desk.domain.CitizenSeal;
import dev.seva.desk.domain.Officer;
import dev.seva.desk.domain.OfficerAction;
import dev.seva.desk.domain.Questions;
import dev.seva.desk.domain.Transitions;
import dev.seva.desk.persistence.ApplicationRow;
import dev.seva.desk.persistence.HistoryRow;
import dev.seva.desk.persistence.OfficerRow;
import dev.seva.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An officer's action on an application: checked (the officer's department, the application's state,
 * the version the officer saw), applied under a row lock, and published as the department's outcome on
 * {@code dept.<d>.outcomes.v1} through the outbox, in the same transaction as the new state, its
 * history entry and its audit line. Two officers acting at once: the second waits for the lock, finds
 * the state moved on, and is refused with a message that says so; nothing is lost or doubled. The
 * citizen's key is fetched first (the officer's question, reason and note are stored sealed with it,
 * and an approval's certificate data is read with it and sent sealed with it): an application whose
 * citizen the vault says is erased is refused as erased, and a vault that does not answer fails the
 * action before anything is written.
 */
@ApplicationScoped
public class Actions {

    /** The action's effect: the application's new status and version, and the outcome published (if any). */
    public record Result(String reference, String status, int version, UUID outcomeEventId) {
    }

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    CatalogueView catalogue;

    @Inject
    DocumentTemplates templates;

    @Inject
    DeskConfig config;

    @Inject
    CitizenKeys keys;

    @Inject
    Clock clock;

    public Uni<Result> act(Officer officer, String reference, OfficerAction action, Integer seenVersion, RequestOrigin origin) {
        return Panache.withSession(() -> ApplicationRow.<ApplicationRow>findById(reference))
                .chain(row -> {
                    if (row == null) {
                        return Uni.createFrom().failure(new NotFound("No application " + reference + " in this desk."));
                    }
                    if (!officer.worksFor(row.departmentId)) {
                        return audit.record(officer, row.departmentId, action.name(), reference, AuditLog.DENIED, origin, null)
                                .chain(() -> Uni.createFrom().failure(new AccessDenied(
                                        "You do not work for the department that owns application " + reference + ".")));
                    }
                    return keys.of(row.citizenRef).chain(seal -> certificateData(row, seal, action)
                            .chain(document -> apply(officer, reference, action, seenVersion, origin, document, seal)));
                })
                .onFailure(ActionRefused.class).call(f -> audit.record(officer, null, action.name(), reference, AuditLog.REFUSED, origin,
                        ((ActionRefused) f).code()));
    }

    /** For an approval of a service that ends in a document: the document's type and data, prefilled and overridden. */
    private Uni<Optional<ApplicationOutcomeDecided.DocumentData>> certificateData(ApplicationRow row, CitizenSeal seal, OfficerAction action) {
        if (!(action instanceof OfficerAction.Approve approve) || !ApplicationStatus.fromWire(row.status).isOpen() || seal.erased()) {
            return Uni.createFrom().item(Optional.empty());
        }
        Optional<ServiceDefinition> service = catalogue.service(row.serviceId);
        String type = service.map(ServiceDefinition::documentType).orElse(null);
        if (type == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return templates.template(type).map(template -> {
            Map<String, String> prefilled = prefill(row, Json.tree(seal.open(row.fields)), template);
            Map<String, String> data = CertificatePrefill.finalData(template, prefilled, approve.fields());
            // What the certificate prints is the citizen's (names, incomes, places) or the officer's about them: every
            // value travels sealed with the citizen's key, so the outbox row and every copy in the topic are unreadable
            // once the vault destroys it (decision 009). The office's own values are sealed too: one rule, nothing to sort.
            return Optional.of(new ApplicationOutcomeDecided.DocumentData(type, SealedValues.sealAll(seal, data), null));
        });
    }

    /** The certificate's data as the approval form shows it before the officer changes anything ({@code fields}: the answers, opened). */
    public Map<String, String> prefill(ApplicationRow row, JsonNode fields, CertificatePrefill.Template template) {
        Map<String, String> office = Map.of("district", config.office().district(), "mandal", config.office().mandal());
        return CertificatePrefill.prefill(template, Answers.printableAll(fields),
                Answers.nameFields(catalogue.service(row.serviceId)), office);
    }

    private Uni<Result> apply(Officer officer, String reference, OfficerAction action, Integer seenVersion, RequestOrigin origin,
                              Optional<ApplicationOutcomeDecided.DocumentData> document, CitizenSeal seal) {
        return Panache.withTransaction(() -> ApplicationRow.<ApplicationRow>findById(reference, LockModeType.PESSIMISTIC_WRITE).chain(row -> {
            // The vault destroyed the citizen's key (erasure) though the desk's own erasure has not come yet: erased all the same.
            ApplicationStatus current = seal.erased() ? ApplicationStatus.ERASED : ApplicationStatus.fromWire(row.status);
            if (seenVersion != null && seenVersion != row.version && current.isOpen()) {
                return HistoryRow.<HistoryRow>find("reference = ?1 order by id desc", reference).firstResult().map(last -> {
                    String who = last == null ? "someone" : last.actor;
                    throw new ActionRefused(ActionRefused.Kind.CONFLICT, "changed-meanwhile", null,
                            "This application changed since you opened it (" + (last == null ? "" : last.kind + " by ") + who
                                    + "). Nothing was done: reload the page and check before acting.",
                            "మీరు తెరిచిన తర్వాత ఈ దరఖాస్తు మారింది (" + who + "). ఏమీ చేయలేదు: పేజీని మళ్లీ లోడ్ చేసి చూడండి.");
                });
            }
            ApplicationStatus next = Transitions.next(current, action);
            return checkAssignee(row, action).chain(() -> effect(officer, row, action, next, document, seal))
                    .call(outcomeId -> audit.append(officer, row.departmentId, action.name(), reference, AuditLog.DONE, origin, null))
                    .map(outcomeId -> outcomeId);
        }).chain(outcomeId -> ApplicationRow.<ApplicationRow>findById(reference)
                .map(row -> new Result(reference, row.status, row.version, outcomeId))));
    }

    private Uni<Void> checkAssignee(ApplicationRow row, OfficerAction action) {
        if (!(action instanceof OfficerAction.Assign assign)) {
            return Uni.createFrom().voidItem();
        }
        return OfficerRow.<OfficerRow>findById(new OfficerRow.Key(assign.officer(), row.departmentId)).map(known -> {
            if (known == null) {
                throw new ActionRefused(ActionRefused.Kind.INVALID, "unknown-officer", "officer",
                        "There is no officer " + assign.officer() + " in this department (officers appear here once they have signed in).",
                        "ఈ శాఖలో " + assign.officer() + " అనే అధికారి లేరు.");
            }
            return null;
        }).replaceWithVoid();
    }

    /** The new state, the history entry and the outcome event; answers the outcome's event id (null for notes and assignments). */
    private Uni<UUID> effect(Officer officer, ApplicationRow row, OfficerAction action, ApplicationStatus next,
                             Optional<ApplicationOutcomeDecided.DocumentData> document, CitizenSeal seal) {
        Instant now = Instant.now(clock);
        Map<String, Object> detail = new LinkedHashMap<>();
        ApplicationOutcomeDecided outcome = null;
        if (action instanceof OfficerAction.Accept) {
            outcome = outcome(officer, row, Outcome.ACCEPTED, null, null, null, now);
            if (row.assignedTo == null) {
                row.assignedTo = officer.userName();
            }
        } else if (action instanceof OfficerAction.Ask ask) {
            Optional<Questions.Prepared> prepared = Questions.prepared(ask.question());
            LocalizedText text = prepared.map(p -> new LocalizedText(p.en(), p.te(), p.hi()))
                    .orElse(new LocalizedText(ask.question().strip(), null, null));
            String answerType = prepared.map(Questions.Prepared::answerType).orElse(ask.answerType() == null ? "text" : ask.answerType());
            String questionId = "desk-" + prepared.map(Questions.Prepared::id).orElse("q") + "-" + Long.toString(now.toEpochMilli(), 36);
            ApplicationOutcomeDecided.Question question = new ApplicationOutcomeDecided.Question(questionId, text, answerType);
            outcome = outcome(officer, row, Outcome.MORE_INFORMATION_NEEDED, null, question, null, now);
            row.pendingQuestion = seal.seal(Json.write(question));
            detail.put("question", text.in(row.language));
            detail.put("answerType", answerType);
        } else if (action instanceof OfficerAction.Reject reject) {
            outcome = outcome(officer, row, Outcome.REJECTED, new LocalizedText(reject.reason().strip(), null, null), null, null, now);
            detail.put("reason", reject.reason().strip());
            row.decidedBy = officer.userName();
        } else if (action instanceof OfficerAction.Approve) {
            outcome = outcome(officer, row, Outcome.APPROVED, null, null, document.orElse(null), now);
            document.ifPresent(d -> detail.put("document", d.type()));
            row.decidedBy = officer.userName();
        } else if (action instanceof OfficerAction.Assign assign) {
            row.assignedTo = assign.officer();
            detail.put("officer", assign.officer());
        } else if (action instanceof OfficerAction.Note note) {
            detail.put("note", note.text().strip());
        }
        row.status = next.wireName();
        row.open = next.isOpen();
        row.updatedAt = now;
        if (!next.isOpen()) {
            row.pendingQuestion = null;
        }
        // The officer's words about the citizen (question, reason, note) are the citizen's personal data too: sealed.
        HistoryRow history = HistoryRow.of(row.reference, now, officer.userName(), action.name(),
                detail.isEmpty() ? null : seal.seal(Json.write(detail)));
        ApplicationOutcomeDecided published = outcome;
        Uni<Void> event = published == null ? Uni.createFrom().voidItem()
                : outbox.append(Topics.departmentOutcomes(row.departmentId), row.citizenRef, published);
        return history.persist().chain(() -> event).map(x -> published == null ? null : published.eventId());
    }

    private ApplicationOutcomeDecided outcome(Officer officer, ApplicationRow row, Outcome outcome, LocalizedText reason,
                                              ApplicationOutcomeDecided.Question question, ApplicationOutcomeDecided.DocumentData document,
                                              Instant now) {
        return new ApplicationOutcomeDecided(EventIds.random(), ApplicationOutcomeDecided.EVENT_TYPE, now, row.departmentId,
                row.reference, row.serviceId, row.citizenRef, outcome, reason, question, document,
                new ApplicationOutcomeDecided.Officer(officer.userName(), designation(officer, row.departmentId)));
    }

    static String designation(Officer officer, String departmentId) {
        return officer.supervises(departmentId) ? "Supervisor" : "Officer";
    }
}
