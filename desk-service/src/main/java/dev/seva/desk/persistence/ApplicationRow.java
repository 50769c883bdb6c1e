package dev.seva.desk.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;

/** The desk's copy of an application (V1__desk.sql). JSON columns hold the contract's JSON as text. */
@Entity
@Table(name = "desk_application")
public class ApplicationRow extends PanacheEntityBase {

    @Id
    public String reference;

    @Column(name = "department_id")
    public String departmentId;

    @Column(name = "service_id")
    public String serviceId;

    @Column(name = "service_version")
    public Integer serviceVersion;

    @Column(name = "citizen_ref")
    public String citizenRef;

    public String language;

    public String status;

    @Column(name = "is_open")
    public boolean open;

    public String fields;

    public String attachments;

    public String district;

    public String mandal;

    @Column(name = "pending_question")
    public String pendingQuestion;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "sla_days")
    public int slaDays;

    @Column(name = "due_date")
    public LocalDate dueDate;

    public boolean overdue;

    @Column(name = "escalated_at")
    public Instant escalatedAt;

    @Column(name = "delay_told_until")
    public LocalDate delayToldUntil;

    @Column(name = "assigned_to")
    public String assignedTo;

    @Column(name = "decided_by")
    public String decidedBy;

    @Version
    public int version;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
