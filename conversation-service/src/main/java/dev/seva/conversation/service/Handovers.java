package dev.seva.conversation.service;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.Topics;
import dev.seva.contracts.handover.DeskHandoverEvent;
import dev.seva.contracts.handover.HandoverCitizenMessageSent;
import dev.seva.contracts.handover.HandoverClosed;
import dev.seva.contracts.handover.HandoverOfficerReplied;
import dev.seva.contracts.handover.HandoverRequested;
import dev.seva.conversation.domain.Effect;
import dev.seva.conversation.domain.JourneyState;
import dev.seva.conversation.domain.Language;
import dev.seva.conversation.domain.Messages;
import dev.seva.conversation.domain.Reply;
import dev.seva.conversation.domain.Session;
import dev.seva.conversation.persistence.ApplicationRow;
import dev.seva.conversation.persistence.CitizenRow;
import dev.seva.conversation.persistence.HandoverRow;
import dev.seva.conversation.persistence.SessionRow;
import dev.seva.outbox.MessageLog;
import dev.seva.outbox.Outbox;
import dev.seva.privacy.vault.CitizenKey;
import dev.seva.privacy.vault.SealedJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Handovers from the bot to an officer in a department's desk. Opening a thread and forwarding the
 * citizen's messages happen in the citizen's message transaction ({@link ConversationHandler}); the
 * officer's replies and the closing come from {@code desk.handovers.v1}, each once (message log), in
 * one transaction with the messages they cause.
 *
 * <p>A message to the citizen outside WhatsApp's 24-hour window carries the approved handover
 * template, which notification-service sends instead; its text is also held on the thread and sent
 * again, free-form, with the reply to the citizen's next message (which opens the window), so an
 * officer's answer is never lost behind the template.
 */
@ApplicationScoped
public class Handovers {

    private static final Logger LOG = Logger.getLogger(Handovers.class);
    private static final TypeReference<List<String>> TEXTS = new TypeReference<>() {
    };

    @Inject
    MessageLog messageLog;

    @Inject
    Outbox outbox;

    @Inject
    OutboundMessages outbound;

    @Inject
    VaultAccess vault;

    Clock clock = Clock.systemUTC();

    // --- from the citizen (inside ConversationHandler's transaction) -------------------------------

    /** Opens a thread in the desk of the department the citizen was in and tells the desk. */
    public Uni<Void> open(CitizenRow citizen, CitizenKey key, Effect.RequestHandover request) {
        return department(request).chain(departmentId -> {
            Instant now = Instant.now(clock);
            HandoverRow row = new HandoverRow();
            row.threadId = UUID.randomUUID();
            row.citizenRef = citizen.citizenRef;
            row.departmentId = departmentId;
            row.reason = request.reason().wireName();
            row.status = HandoverRow.OPEN;
            row.openedAt = now;
            HandoverRequested event = new HandoverRequested(EventIds.random(), HandoverRequested.EVENT_TYPE, now, row.threadId,
                    citizen.citizenRef, departmentId, citizen.language, request.reason(), request.serviceId(), request.applicationRef(),
                    sealed(key, request.text()));
            return row.persist()
                    .chain(() -> outbox.append(Topics.CONVERSATION_HANDOVERS, citizen.citizenRef, event))
                    .invoke(() -> LOG.infof("Citizen %s handed over to %s (%s), thread %s", citizen.citizenRef, departmentId,
                            request.reason().wireName(), row.threadId));
        });
    }

    /** Passes what the citizen sent to the officer of their open thread. */
    public Uni<Void> forward(CitizenRow citizen, CitizenKey key, Effect.ForwardToOfficer message) {
        return HandoverRow.openFor(citizen.citizenRef).chain(row -> {
            if (row == null) {
                throw new DepartmentUpdates.Unprocessable("no open handover thread for the citizen");
            }
            HandoverCitizenMessageSent.Media media = message.media() == null ? null
                    : new HandoverCitizenMessageSent.Media(message.media().mediaId(), message.media().mimeType(), sealed(key, fileName(message.media().filename())));
            HandoverCitizenMessageSent event = new HandoverCitizenMessageSent(EventIds.random(), HandoverCitizenMessageSent.EVENT_TYPE,
                    Instant.now(clock), row.threadId, citizen.citizenRef, row.departmentId, sealed(key, message.text()), media);
            return outbox.append(Topics.CONVERSATION_HANDOVERS, citizen.citizenRef, event);
        });
    }

    /** Texts held because the citizen was outside the window, now to be sent again (and no longer held). */
    public Uni<List<Reply>> takeHeldReplies(String citizenRef, CitizenKey key) {
        return HandoverRow.withHeldReplies(citizenRef).map(rows -> {
            List<Reply> replies = new ArrayList<>();
            for (HandoverRow row : rows) {
                Json.opened(key, row.heldReplies, TEXTS).forEach(text -> replies.add(new Reply.Text(text)));
                row.heldReplies = null;
            }
            return replies;
        });
    }

    // --- from the desk ------------------------------------------------------------------------------

    public Uni<Void> onDesk(String topic, DeskHandoverEvent event) {
        return Panache.withTransaction(() -> messageLog.firstDelivery(event.eventId(), topic)
                .chain(first -> first ? apply(event) : Uni.createFrom().voidItem()));
    }

    private Uni<Void> apply(DeskHandoverEvent event) {
        return HandoverRow.<HandoverRow>findById(event.threadId(), LockModeType.PESSIMISTIC_WRITE).chain(row -> {
            if (row == null) {
                return unknownThread(event);
            }
            if (!row.citizenRef.equals(event.citizenRef())) {
                throw new DepartmentUpdates.Unprocessable("citizenRef does not match handover thread " + event.threadId());
            }
            if (!row.departmentId.equals(event.departmentId())) {
                throw new DepartmentUpdates.Unprocessable("department " + event.departmentId() + " does not hold handover thread "
                        + event.threadId());
            }
            // A citizen the vault erased is told nothing and nothing new is kept for them.
            return vault.keyUnlessErased(row.citizenRef).chain(key -> key == null
                    ? Uni.createFrom().voidItem()
                    : CitizenRow.<CitizenRow>findById(row.citizenRef).chain(citizen -> {
                        if (event instanceof HandoverOfficerReplied replied) {
                            return reply(citizen, key, row, replied);
                        }
                        return close(citizen, key, row, (HandoverClosed) event);
                    }));
        });
    }

    /**
     * A thread we do not know: if its citizen is gone too, they erased their data (every thread went
     * with them, and the desk learns it from citizen.erasure.v1): nothing to do. Otherwise the desk
     * names a thread that never existed: dead-lettered.
     */
    private Uni<Void> unknownThread(DeskHandoverEvent event) {
        return CitizenRow.<CitizenRow>findById(event.citizenRef()).map(citizen -> {
            if (citizen != null) {
                throw new DepartmentUpdates.Unprocessable("unknown handover thread " + event.threadId());
            }
            LOG.infof("%s for thread %s of a citizen no longer here (erased): ignored", event.eventType(), event.threadId());
            return null;
        }).replaceWithVoid();
    }

    private Uni<Void> reply(CitizenRow citizen, CitizenKey key, HandoverRow row, HandoverOfficerReplied replied) {
        if (HandoverRow.CLOSED.equals(row.status)) {
            throw new DepartmentUpdates.Unprocessable("handover thread " + row.threadId + " is closed");
        }
        Language l = Language.of(citizen.language);
        String officer = designation(replied.officer().designation(), l);
        String text = cut(Messages.text(l, "handover.officer.text", officer, opened(key, replied.text())));
        return tell(citizen, key, row, text, officer);
    }

    /**
     * What the citizen wrote, sealed with their key for the topic (the desk opens it with the same key;
     * after an erasure no copy can be read: decision 009).
     */
    private static String sealed(CitizenKey key, String text) {
        return SealedJson.sealText(key, text);
    }

    /** The contract's 240 characters at most (a phone may name a file at any length; the photo matters, not its name). */
    static String fileName(String name) {
        if (name == null || name.length() <= 240) {
            return name;
        }
        return name.substring(0, Character.isHighSurrogate(name.charAt(239)) ? 239 : 240);
    }

    /** The officer's reply, opened with the citizen's key; one sealed for somebody else is refused. */
    private static String opened(CitizenKey key, String text) {
        try {
            return SealedJson.openText(key, text);
        } catch (RuntimeException e) {
            throw new DepartmentUpdates.Unprocessable("the officer's reply is not sealed for the thread's citizen");
        }
    }

    private Uni<Void> close(CitizenRow citizen, CitizenKey key, HandoverRow row, HandoverClosed closed) {
        if (HandoverRow.CLOSED.equals(row.status)) {
            LOG.debugf("Handover thread %s closed again: nothing to do", row.threadId);
            return Uni.createFrom().voidItem();
        }
        Language l = Language.of(citizen.language);
        row.status = HandoverRow.CLOSED;
        row.closedAt = Instant.now(clock);
        String officer = designation(closed.officer().designation(), l);
        return Panache.flush()
                .chain(() -> HandoverRow.openCount(citizen.citizenRef))
                .chain(stillOpen -> stillOpen > 0 ? Uni.createFrom().voidItem() : resumeBot(citizen.citizenRef, key, l))
                .chain(() -> tell(citizen, key, row, Messages.text(l, "handover.closed.text"), officer))
                .invoke(() -> LOG.infof("Handover thread %s closed by the desk", row.threadId));
    }

    /** The session leaves HANDOVER for the menu (also when "delete my data" was being confirmed in it). */
    private Uni<Void> resumeBot(String citizenRef, CitizenKey key, Language l) {
        return SessionRow.<SessionRow>findById(citizenRef).chain(row -> {
            if (row == null) {
                return Uni.createFrom().voidItem();
            }
            Session current = Json.opened(key, row.data, Session.class);
            boolean handedOver = current.state() == JourneyState.HANDOVER
                    || current.state() == JourneyState.CONFIRMING_ERASURE && current.previous() == JourneyState.HANDOVER;
            if (!handedOver) {
                return Uni.createFrom().voidItem();
            }
            Session menu = Session.menu(l);
            row.state = menu.state().name();
            row.data = Json.sealed(key, menu);
            row.updatedAt = Instant.now(clock);
            // Flushed now so a citizen's message handled at the same moment fails on the version and is retried.
            return Panache.flush();
        });
    }

    /** Sends the text now; outside the window it is also held for the citizen's next message. */
    private Uni<Void> tell(CitizenRow citizen, CitizenKey key, HandoverRow row, String text, String officer) {
        OutboundMessages.Recipient to = OutboundMessages.Recipient.of(citizen);
        if (!outbound.withinWindow(to)) {
            List<String> held = row.heldReplies == null ? new ArrayList<>() : new ArrayList<>(Json.opened(key, row.heldReplies, TEXTS));
            held.add(text);
            row.heldReplies = Json.sealed(key, held);
        }
        return outbound.sendOutsideApplication(to, List.of(new Reply.Text(text)), officer);
    }

    private Uni<String> department(Effect.RequestHandover request) {
        if (request.departmentId() != null) {
            return Uni.createFrom().item(request.departmentId());
        }
        if (request.applicationRef() == null) {
            return Uni.createFrom().item(HandoverRequested.HELPDESK);
        }
        return ApplicationRow.<ApplicationRow>findById(request.applicationRef())
                .map(app -> app == null ? HandoverRequested.HELPDESK : app.departmentId);
    }

    private static String designation(String designation, Language l) {
        return designation == null || designation.isBlank() ? Messages.text(l, "handover.officer.default") : designation.trim();
    }

    /** WhatsApp's 4,096 characters for a text (designation and reply together may be longer). */
    private static String cut(String text) {
        if (text.codePointCount(0, text.length()) <= 4096) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, 4095)).trim() + "…";
    }
}
