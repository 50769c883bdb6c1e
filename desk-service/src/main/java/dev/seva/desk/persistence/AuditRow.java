package dev.seva.desk.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One line of the append-only audit log (the table refuses UPDATE and DELETE: V1__desk.sql). */
@Entity
@Table(name = "desk_audit")
public class AuditRow extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Instant at;

    public String actor;

    @Column(name = "department_id")
    public String departmentId;

    public String action;

    public String reference;

    public String outcome;

    @Column(name = "client_ip")
    public String clientIp;

    @Column(name = "user_agent")
    public String userAgent;

    public String detail;
}
