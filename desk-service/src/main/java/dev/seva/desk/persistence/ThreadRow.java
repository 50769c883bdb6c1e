package dev.seva.desk.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A handover thread: a citizen talking to a department's officers instead of the bot. */
@Entity
@Table(name = "desk_thread")
public class ThreadRow extends PanacheEntityBase {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    @Id
    @Column(name = "thread_id")
    public UUID threadId;

    @Column(name = "department_id")
    public String departmentId;

    @Column(name = "citizen_ref")
    public String citizenRef;

    public String language;

    public String reason;

    @Column(name = "service_id")
    public String serviceId;

    @Column(name = "application_ref")
    public String applicationRef;

    public String status;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "last_message_at")
    public Instant lastMessageAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "closed_by")
    public String closedBy;

    @Version
    public int version;
}
