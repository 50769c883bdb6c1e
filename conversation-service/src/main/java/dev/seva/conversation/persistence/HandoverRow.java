package dev.seva.conversation.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A handover thread between a citizen and a department's desk. {@code @Version}: an officer's reply
 * (desk topic) and the citizen's next message (inbound topic) may both change {@code heldReplies} at
 * once; the loser is retried on the new row.
 */
@Entity
@Table(name = "handover")
public class HandoverRow extends PanacheEntityBase {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    @Id
    @Column(name = "thread_id")
    public UUID threadId;

    @Column(name = "citizen_ref")
    public String citizenRef;

    @Column(name = "department_id")
    public String departmentId;

    public String reason;

    public String status;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "held_replies")
    public String heldReplies;

    @Version
    public int version;

    /** The citizen's newest open thread, or null. */
    public static Uni<HandoverRow> openFor(String citizenRef) {
        return find("citizenRef = ?1 and status = ?2 order by openedAt desc", citizenRef, OPEN).firstResult();
    }

    public static Uni<List<HandoverRow>> withHeldReplies(String citizenRef) {
        return list("citizenRef = ?1 and heldReplies is not null order by openedAt", citizenRef);
    }

    public static Uni<Long> openCount(String citizenRef) {
        return count("citizenRef = ?1 and status = ?2", citizenRef, OPEN);
    }
}
