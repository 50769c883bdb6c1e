package dev.seva.vault.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One line of the vault's append-only audit (the table refuses UPDATE, DELETE and TRUNCATE: V1__vault.sql). */
@Entity
@Table(name = "vault_audit")
public class AuditRow extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Instant at;

    /** The client that asked (or {@code citizen.erasure.v1} for an erasure read from the topic). */
    public String client;

    /** reveal, key, erase. */
    public String action;

    /** The token (reveal) or the citizen reference (key, erase). */
    public String subject;

    /** Who, for the caller (an officer's user name), when the caller says. */
    public String actor;

    /** Why (the caller's stated purpose; the erasure's reason). */
    public String purpose;
}
