package dev.seva.desk.service;

import dev.seva.consumer.UnprocessableRecord;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.Topics;
import dev.seva.contracts.handover.ConversationHandoverEvent;
import dev.seva.contracts.handover.HandoverCitizenMessageSent;
import dev.seva.contracts.handover.HandoverClosed;
import dev.seva.contracts.handover.HandoverOfficer;
import dev.seva.contracts.handover.HandoverOfficerReplied;
import dev.seva.contracts.handover.HandoverRequested;
import dev.seva.desk.client.CitizenKeys;
import dev.seva.desk.domain.ActionRefused;
import dev.seva.desk.domain.CitizenSeal;
import dev.seva.desk.domain.Officer;
import dev.seva.desk.persistence.ThreadMessageRow;
import dev.seva.desk.persistence.ThreadRow;
import dev.seva.outbox.MessageLog;
import dev.seva.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Human handover threads: conversation-service opens one when a citizen asks for an officer or the bot
 * fails to understand them ({@code conversation.handovers.v1}); officers of that department (or of the
 * help desk) answer in the browser; each reply and the closing go to {@code desk.handovers.v1}, which
 * conversation-service turns into WhatsApp messages and, on closing, gives the citizen back to the bot.
 * Every message (the citizen's and the officers' replies to them) is stored sealed with the citizen's
 * key from vault-service; a citizen the vault says is erased gets no thread and no message stored, and
 * their thread can no longer be answered or closed. On both topics the texts travel sealed with the same
 * key too (decision 009): the citizen's text and file name are opened before anything is stored (one the
 * key does not open is the record's fault: dead-lettered, nothing of it stored), and an officer's reply
 * is sealed before it goes into the outbox, so no copy of either in Kafka is readable after an erasure.
 */
@ApplicationScoped
public class Threads {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]");
    // What conversation.handovers.v1 allowed in clear before the seal hid the lengths.
    private static final int MAX_TEXT = 4096;
    private static final int MAX_FILENAME = 240;

    @Inject
    MessageLog messageLog;

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    CitizenKeys keys;

    @Inject
    Clock clock;

    /** A thread's messages as the officer reads them: opened; none, and {@code erased}, once the citizen's key is gone. */
    public record Conversation(ThreadRow thread, boolean erased, List<Message> messages) {
    }

    public record Message(Instant at, String author, String text, String media) {
    }

    public Uni<Void> onConversationEvent(String topic, ConversationHandoverEvent event) {
        // The key before the transaction: the vault is not waited for while a thread row is locked.
        return keys.of(event.citizenRef()).chain(seal -> Panache.withTransaction(() -> messageLog.firstDelivery(event.eventId(), topic).chain(first -> {
            if (!first) {
                return Uni.createFrom().voidItem();
            }
            if (event instanceof HandoverRequested requested) {
                return opened(requested, seal);
            }
            return citizenMessage((HandoverCitizenMessageSent) event, seal);
        })));
    }

    private Uni<Void> opened(HandoverRequested r, CitizenSeal seal) {
        return ThreadRow.<ThreadRow>findById(r.threadId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            if (seal.erased()) {
                // The citizen was erased meanwhile: no thread of theirs is kept (and nothing is opened: no key).
                return Uni.createFrom().voidItem();
            }
            // Opened before anything is stored: sealed for another citizen (their reference is the seal's
            // associated data) or damaged, the whole record is refused and no thread is opened.
            String text = SealedValues.openText(seal, "handover thread " + r.threadId(), "the text", r.text(), MAX_TEXT);
            ThreadRow t = new ThreadRow();
            t.threadId = r.threadId();
            t.departmentId = r.departmentId();
            t.citizenRef = r.citizenRef();
            t.language = r.language();
            t.reason = r.reason().wireName();
            t.serviceId = r.serviceId();
            t.applicationRef = r.applicationRef();
            t.status = ThreadRow.OPEN;
            t.openedAt = r.occurredAt();
            t.lastMessageAt = r.occurredAt();
            Uni<Void> first = text == null || text.isBlank() ? Uni.createFrom().voidItem()
                    : message(t.threadId, r.occurredAt(), "citizen", seal.seal(text), null);
            return t.persist().chain(() -> first);
        });
    }

    private Uni<Void> citizenMessage(HandoverCitizenMessageSent m, CitizenSeal seal) {
        return ThreadRow.<ThreadRow>findById(m.threadId(), LockModeType.PESSIMISTIC_WRITE).chain(t -> {
            if (t == null) {
                throw new UnprocessableRecord("unknown handover thread");
            }
            if (t.citizenRef == null || seal.erased()) {
                // Erased (here, or in the vault first): nothing more of the citizen's is stored.
                return Uni.createFrom().voidItem();
            }
            if (!t.citizenRef.equals(m.citizenRef())) {
                throw new UnprocessableRecord("a message for another citizen's handover thread");
            }
            // Opened, then stored sealed as the desk stores every message (as a whole, not the topic's seals as they came).
            String subject = "handover thread " + t.threadId;
            String text = SealedValues.openText(seal, subject, "the text", m.text(), MAX_TEXT);
            HandoverCitizenMessageSent.Media media = m.media() == null ? null : new HandoverCitizenMessageSent.Media(m.media().mediaId(),
                    m.media().mimeType(), SealedValues.openText(seal, subject, "the file name", m.media().filename(), MAX_FILENAME));
            t.lastMessageAt = m.occurredAt();
            return message(t.threadId, m.occurredAt(), "citizen", seal.seal(text), seal.seal(Json.write(media)));
        });
    }

    private static Uni<Void> message(UUID thread, Instant at, String author, String text, String media) {
        ThreadMessageRow row = new ThreadMessageRow();
        row.threadId = thread;
        row.at = at;
        row.author = author;
        row.text = text;
        row.media = media;
        return row.persist().replaceWithVoid();
    }

    public Uni<ThreadRow> thread(Officer officer, UUID threadId, RequestOrigin origin) {
        return Panache.withSession(() -> ThreadRow.<ThreadRow>findById(threadId)).chain(t -> {
            if (t == null) {
                return Uni.createFrom().failure(new NotFound("No conversation " + threadId + " in this desk."));
            }
            if (!officer.worksFor(t.departmentId)) {
                return audit.record(officer, t.departmentId, "view-thread", threadId.toString(), AuditLog.DENIED, origin, null)
                        .chain(() -> Uni.createFrom().failure(new AccessDenied("You do not work for the desk this conversation is in.")));
            }
            return audit.record(officer, t.departmentId, "view-thread", threadId.toString(), AuditLog.DONE, origin, null).replaceWith(t);
        });
    }

    /** The thread's messages, opened with the citizen's key (fails while the vault does not answer). */
    public Uni<Conversation> conversation(ThreadRow thread) {
        return keys.of(thread.citizenRef).chain(seal -> {
            if (seal.erased()) {
                return Uni.createFrom().item(new Conversation(thread, true, List.of()));
            }
            return Panache.withSession(() -> ThreadMessageRow.<ThreadMessageRow>list("threadId = ?1 order by id", thread.threadId))
                    .map(rows -> new Conversation(thread, false, rows.stream()
                            .map(m -> new Message(m.at, m.author, seal.open(m.text), seal.open(m.media))).toList()));
        });
    }

    public Uni<List<ThreadRow>> open(String department) {
        return Panache.withSession(() -> ThreadRow.<ThreadRow>list("departmentId = ?1 and status = ?2 order by lastMessageAt", department, ThreadRow.OPEN));
    }

    public Uni<Void> reply(Officer officer, UUID threadId, String text, RequestOrigin origin) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty() || body.length() > 4000 || CONTROL.matcher(body).find()) {
            return Uni.createFrom().failure(new ActionRefused(ActionRefused.Kind.INVALID, "invalid-reply", "text",
                    "A reply must be 1 to 4,000 characters.", "జవాబు 1 నుండి 4,000 అక్షరాలు ఉండాలి."));
        }
        return inOpenThread(officer, threadId, "reply", origin, (t, seal) -> {
            Instant now = Instant.now(clock);
            t.lastMessageAt = now;
            // What the officer wrote to the citizen is part of the citizen's conversation: sealed with their key, in the
            // desk's table and on the topic (conversation-service opens it with the same key; the contract refuses it clear).
            // The key was fetched before the row lock; an erased citizen was refused above (citizen-erased).
            HandoverOfficerReplied event = new HandoverOfficerReplied(EventIds.random(), HandoverOfficerReplied.EVENT_TYPE, now, t.threadId,
                    t.citizenRef, t.departmentId, SealedValues.sealText(seal, body),
                    new HandoverOfficer(officer.userName(), Actions.designation(officer, t.departmentId)));
            return message(t.threadId, now, officer.userName(), seal.seal(body), null)
                    .chain(() -> outbox.append(Topics.DESK_HANDOVERS, t.citizenRef, event));
        });
    }

    public Uni<Void> close(Officer officer, UUID threadId, RequestOrigin origin) {
        return inOpenThread(officer, threadId, "close-thread", origin, (t, seal) -> {
            Instant now = Instant.now(clock);
            t.status = ThreadRow.CLOSED;
            t.closedAt = now;
            t.closedBy = officer.userName();
            HandoverClosed event = new HandoverClosed(EventIds.random(), HandoverClosed.EVENT_TYPE, now, t.threadId, t.citizenRef,
                    t.departmentId, new HandoverOfficer(officer.userName(), Actions.designation(officer, t.departmentId)));
            return outbox.append(Topics.DESK_HANDOVERS, t.citizenRef, event);
        });
    }

    private Uni<Void> inOpenThread(Officer officer, UUID threadId, String action, RequestOrigin origin,
                                   java.util.function.BiFunction<ThreadRow, CitizenSeal, Uni<Void>> effect) {
        // The citizen's key before the row lock: the vault is not waited for with the thread locked.
        return Panache.withSession(() -> ThreadRow.<ThreadRow>findById(threadId))
                .chain(found -> found == null ? Uni.createFrom().item(CitizenSeal.ERASED) : keys.of(found.citizenRef))
                .chain(seal -> Panache.withTransaction(() -> ThreadRow.<ThreadRow>findById(threadId, LockModeType.PESSIMISTIC_WRITE).chain(t -> {
            if (t == null) {
                return Uni.createFrom().failure(new NotFound("No conversation " + threadId + " in this desk."));
            }
            if (!officer.worksFor(t.departmentId)) {
                return Uni.createFrom().failure(new AccessDenied("You do not work for the desk this conversation is in."));
            }
            if (seal.erased() && t.citizenRef != null) {
                return Uni.createFrom().failure(new ActionRefused(ActionRefused.Kind.GONE, "citizen-erased", null,
                        "The citizen asked for their data to be erased; this conversation can no longer be answered or closed.",
                        "పౌరుడు తన సమాచారాన్ని తొలగించమని కోరారు; ఈ సంభాషణకు ఇక జవాబు ఇవ్వలేరు."));
            }
            if (!ThreadRow.OPEN.equals(t.status) || t.citizenRef == null) {
                return Uni.createFrom().failure(new ActionRefused(ActionRefused.Kind.CONFLICT, "thread-closed", null,
                        "This conversation was already closed" + (t.closedBy == null ? "" : " by " + t.closedBy) + ".",
                        "ఈ సంభాషణ ఇప్పటికే ముగిసింది."));
            }
            return effect.apply(t, seal).chain(() -> audit.append(officer, t.departmentId, action, threadId.toString(), AuditLog.DONE, origin, null));
        })));
    }
}
