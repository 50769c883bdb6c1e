package dev.seva.conversation.service;

import dev.seva.contracts.LocalizedText;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.contracts.documents.DocumentIssued;
import dev.seva.conversation.domain.Language;
import dev.seva.conversation.domain.Messages;
import dev.seva.conversation.domain.Reply;
import dev.seva.conversation.domain.Session;
import dev.seva.conversation.persistence.ApplicationRow;
import dev.seva.conversation.persistence.CitizenRow;
import dev.seva.conversation.persistence.SessionRow;
import dev.seva.outbox.MessageLog;
import dev.seva.privacy.vault.CitizenKey;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What departments decide and what document-service issues, told to the citizen in their language:
 * accepted, a question (the citizen's next message is the answer), rejected with the reason,
 * approved; then the signed document itself. Each event is handled once (message log), in one
 * transaction with the status change and the messages it causes.
 */
@ApplicationScoped
public class DepartmentUpdates {

    /** An update that cannot be applied: the consumer pipeline dead-letters it at once, with this reason. */
    public static class Unprocessable extends dev.seva.consumer.UnprocessableRecord {
        public Unprocessable(String reason) {
            super(reason);
        }
    }

    @Inject
    MessageLog messageLog;

    @Inject
    OutboundMessages outbound;

    @Inject
    VaultAccess vault;

    @Inject
    Payments payments;

    /** document-service's signed receipt of a fee paid (documentType on documents.issued.v1). */
    static final String RECEIPT = "payment_receipt";

    Clock clock = Clock.systemUTC();

    public Uni<Void> onOutcome(String topic, ApplicationOutcomeDecided outcome) {
        return Panache.withTransaction(() -> messageLog.firstDelivery(outcome.eventId(), topic)
                .chain(first -> first ? applyOutcome(outcome) : Uni.createFrom().voidItem()));
    }

    public Uni<Void> onDocument(String topic, DocumentIssued document) {
        return Panache.withTransaction(() -> messageLog.firstDelivery(document.eventId(), topic)
                .chain(first -> first ? applyDocument(document) : Uni.createFrom().voidItem()));
    }

    /**
     * The citizen's key, or null when the vault erased them: then nothing new is stored for them and they are
     * told nothing (their rows go with their next message, or their erasure).
     */
    private Uni<CitizenKey> key(String citizenRef) {
        return vault.keyUnlessErased(citizenRef);
    }

    private Uni<Void> applyOutcome(ApplicationOutcomeDecided o) {
        return application(o.applicationRef(), o.citizenRef()).chain(app -> key(app.citizenRef).chain(key -> key == null
                ? Uni.createFrom().voidItem() : applyOutcome(o, app, key)));
    }

    private Uni<Void> applyOutcome(ApplicationOutcomeDecided o, ApplicationRow app, CitizenKey key) {
        return CitizenRow.<CitizenRow>findById(app.citizenRef).chain(citizen -> {
            Language l = Language.of(citizen.language);
            String service = Json.read(app.serviceName, LocalizedText.class).in(l.code());
            app.updatedAt = Instant.now(clock);
            Uni<Void> sessionChange = Uni.createFrom().voidItem();
            String text;
            switch (o.outcome()) {
                case ACCEPTED -> {
                    app.status = ApplicationRow.ACCEPTED;
                    text = Messages.text(l, "outcome.accepted.text", app.reference, service);
                }
                case MORE_INFORMATION_NEEDED -> {
                    app.status = ApplicationRow.MORE_INFORMATION_NEEDED;
                    app.pendingQuestion = Json.sealed(key, o.question());
                    text = Messages.text(l, "outcome.question.text", app.reference, service, o.question().text().in(l.code()));
                    sessionChange = askCitizen(citizen, key, app.reference, o.question().id(), l);
                }
                case REJECTED -> {
                    app.status = ApplicationRow.REJECTED;
                    app.lastReason = Json.sealed(key, o.reason());
                    text = Messages.text(l, "outcome.rejected.text", app.reference, service, o.reason().in(l.code()));
                    // A paid fee goes back when the catalogue says so (payment-service decides from the order).
                    sessionChange = payments.withdrawForRejection(app);
                }
                case APPROVED -> {
                    // The document comes from document-service on another topic and can be here first:
                    // then the application stays "document issued" and the citizen is not told it follows.
                    boolean documentIssued = ApplicationRow.DOCUMENT_ISSUED.equals(app.status);
                    if (!documentIssued) {
                        app.status = ApplicationRow.APPROVED;
                    }
                    boolean documentFollows = !documentIssued && (o.document() != null || app.documentType != null);
                    // A bill paid: the department has marked it paid (the signed receipt came from document-service).
                    text = app.billId != null ? Messages.text(l, "bill.recorded.text", app.reference, service)
                            : Messages.text(l, documentFollows ? "outcome.approved.document.text" : "outcome.approved.text", app.reference, service);
                }
                case DELAYED -> {
                    // Not a decision: the application keeps its status; the citizen learns the new date.
                    text = Messages.text(l, "outcome.delayed.text", app.reference, service,
                            o.expectedBy().format(java.time.format.DateTimeFormatter.ofPattern("dd-MM-yyyy")));
                }
                default -> throw new Unprocessable("unknown outcome");
            }
            return sessionChange.chain(() -> outbound.send(OutboundMessages.Recipient.of(citizen), List.of(new Reply.Text(text)), null,
                    app.reference));
        });
    }

    private Uni<Void> applyDocument(DocumentIssued d) {
        return application(d.applicationRef(), d.citizenRef()).chain(app -> key(app.citizenRef).chain(key -> key == null
                ? Uni.createFrom().voidItem() : CitizenRow.<CitizenRow>findById(app.citizenRef).chain(citizen -> {
            Language l = Language.of(citizen.language);
            String service = Json.read(app.serviceName, LocalizedText.class).in(l.code());
            if (RECEIPT.equals(d.documentType())) {
                // The signed receipt of the fee (issue 17): sent, and the application keeps its status and its document.
                Reply receipt = new Reply.Document(d.documentId(), d.fileName(), Messages.text(l,
                        app.billId != null ? "bill.receipt.caption.text" : "receipt.caption.text", service, app.reference));
                return outbound.send(OutboundMessages.Recipient.of(citizen), List.of(receipt), null, app.reference);
            }
            app.status = ApplicationRow.DOCUMENT_ISSUED;
            app.documentId = d.documentId();
            app.updatedAt = Instant.now(clock);
            Reply document = new Reply.Document(d.documentId(), d.fileName(), Messages.text(l, "document.caption.text", service, app.reference));
            return outbound.send(OutboundMessages.Recipient.of(citizen), List.of(document), null, app.reference);
        })));
    }

    /** The department's question becomes the citizen's current step; a draft in progress is abandoned. */
    private Uni<Void> askCitizen(CitizenRow citizen, CitizenKey key, String reference, String questionId, Language l) {
        return SessionRow.<SessionRow>findById(citizen.citizenRef).chain(row -> {
            Session asking = Session.menu(l).answering(reference, questionId);
            if (row == null) {
                SessionRow created = new SessionRow();
                created.citizenRef = citizen.citizenRef;
                created.state = asking.state().name();
                created.data = Json.sealed(key, asking);
                created.updatedAt = Instant.now(clock);
                return created.persist().replaceWithVoid();
            }
            row.state = asking.state().name();
            row.data = Json.sealed(key, asking);
            row.updatedAt = Instant.now(clock);
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * The application, locked for this transaction: outcomes and documents arrive on different topics
     * and are handled concurrently, and each writes the whole row; the lock makes the second wait for
     * the first instead of overwriting its change.
     */
    private static Uni<ApplicationRow> application(String reference, String citizenRef) {
        return ApplicationRow.<ApplicationRow>findById(reference, LockModeType.PESSIMISTIC_WRITE).map(app -> {
            if (app == null) {
                throw new Unprocessable("unknown application " + reference);
            }
            if (!app.citizenRef.equals(citizenRef)) {
                throw new Unprocessable("citizenRef does not match application " + reference);
            }
            return app;
        });
    }
}
