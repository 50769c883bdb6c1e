package dev.seva.desk.service;

import dev.seva.contracts.EventIds;
import dev.seva.contracts.Topics;
import dev.seva.contracts.handover.ConversationHandoverEvent;
import dev.seva.contracts.handover.HandoverCitizenMessageSent;
import dev.seva.contracts.handover.HandoverClosed;
import dev.seva.contracts.handover.HandoverOfficer;
import dev.seva.contracts.handover.HandoverOfficerReplied;
import dev.seva.contracts.handover.HandoverRequested;
import dev.seva.desk.domain.ActionRefused;
import dev.seva.desk.domain.Officer;
import dev.seva.desk.persistence.ThreadMessageRow;
import dev.seva.desk.persistence.ThreadRow;
import dev.seva.outbox.MessageLog;
import dev.seva.outbox.Outbox;
import dev.seva.outbox.UnprocessableRecord;
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
 */
@ApplicationScoped
public class Threads {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]");

    @Inject
    MessageLog messageLog;

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    public Uni<Void> onConversationEvent(String topic, ConversationHandoverEvent event) {
        return Panache.withTransaction(() -> messageLog.firstDelivery(event.eventId(), topic).chain(first -> {
            if (!first) {
                return Uni.createFrom().voidItem();
            }
            if (event instanceof HandoverRequested requested) {
                return opened(requested);
            }
            return citizenMessage((HandoverCitizenMessageSent) event);
        }));
    }

    private Uni<Void> opened(HandoverRequested r) {
        return ThreadRow.<ThreadRow>findById(r.threadId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
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
            Uni<Void> first = r.text() == null || r.text().isBlank() ? Uni.createFrom().voidItem()
                    : message(t.threadId, r.occurredAt(), "citizen", r.text(), null);
            return t.persist().chain(() -> first);
        });
    }

    private Uni<Void> citizenMessage(HandoverCitizenMessageSent m) {
        return ThreadRow.<ThreadRow>findById(m.threadId(), LockModeType.PESSIMISTIC_WRITE).chain(t -> {
            if (t == null) {
                throw new UnprocessableRecord("unknown handover thread");
            }
            t.lastMessageAt = m.occurredAt();
            return message(t.threadId, m.occurredAt(), "citizen", m.text(), m.media() == null ? null : Json.write(m.media()));
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

    public Uni<List<ThreadMessageRow>> messages(UUID threadId) {
        return Panache.withSession(() -> ThreadMessageRow.<ThreadMessageRow>list("threadId = ?1 order by id", threadId));
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
        return inOpenThread(officer, threadId, "reply", origin, t -> {
            Instant now = Instant.now(clock);
            t.lastMessageAt = now;
            HandoverOfficerReplied event = new HandoverOfficerReplied(EventIds.random(), HandoverOfficerReplied.EVENT_TYPE, now, t.threadId,
                    t.citizenRef, t.departmentId, body, new HandoverOfficer(officer.userName(), Actions.designation(officer, t.departmentId)));
            return message(t.threadId, now, officer.userName(), body, null)
                    .chain(() -> outbox.append(Topics.DESK_HANDOVERS, t.citizenRef, event));
        });
    }

    public Uni<Void> close(Officer officer, UUID threadId, RequestOrigin origin) {
        return inOpenThread(officer, threadId, "close-thread", origin, t -> {
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
                                   java.util.function.Function<ThreadRow, Uni<Void>> effect) {
        return Panache.withTransaction(() -> ThreadRow.<ThreadRow>findById(threadId, LockModeType.PESSIMISTIC_WRITE).chain(t -> {
            if (t == null) {
                return Uni.createFrom().failure(new NotFound("No conversation " + threadId + " in this desk."));
            }
            if (!officer.worksFor(t.departmentId)) {
                return Uni.createFrom().failure(new AccessDenied("You do not work for the desk this conversation is in."));
            }
            if (!ThreadRow.OPEN.equals(t.status) || t.citizenRef == null) {
                return Uni.createFrom().failure(new ActionRefused(ActionRefused.Kind.CONFLICT, "thread-closed", null,
                        "This conversation was already closed" + (t.closedBy == null ? "" : " by " + t.closedBy) + ".",
                        "ఈ సంభాషణ ఇప్పటికే ముగిసింది."));
            }
            return effect.apply(t).chain(() -> audit.append(officer, t.departmentId, action, threadId.toString(), AuditLog.DONE, origin, null));
        }));
    }
}
