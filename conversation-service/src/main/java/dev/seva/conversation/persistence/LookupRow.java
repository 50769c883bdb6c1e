package dev.seva.conversation.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A look-up sent to a department's system and not yet answered (or apologised for). */
@Entity
@Table(name = "pending_lookup")
public class LookupRow extends PanacheEntityBase {

    @Id
    @Column(name = "lookup_id")
    public String lookupId;

    @Column(name = "citizen_ref")
    public String citizenRef;

    @Column(name = "department_id")
    public String departmentId;

    @Column(name = "service_id")
    public String serviceId;

    @Column(name = "service_version")
    public int serviceVersion;

    /** The service's names (LocalizedText JSON): what the answer and the bill are called in the citizen's language. */
    @Column(name = "service_name")
    public String serviceName;

    /** {@code dues} or {@code record} (the catalogue's lookup). */
    public String kind;

    /** The citizen's answers, sealed with their key. */
    public String answers;

    /** The department fields as sent (sealed values, JSON): a bill found is paid as an application with these. */
    public String fields;

    @Column(name = "answer_by")
    public Instant answerBy;

    @Column(name = "created_at")
    public Instant createdAt;
}
