package dev.seva.vault.service;

import dev.seva.vault.persistence.AuditRow;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/** Appends to {@code vault_audit}, in the caller's transaction: no decryption is served without its line. */
@ApplicationScoped
public class AuditLog {

    public static final String REVEAL = "reveal";
    public static final String KEY = "key";
    public static final String ERASE = "erase";

    final Clock clock = Clock.systemUTC();

    public Uni<Void> append(String client, String action, String subject, String actor, String purpose) {
        AuditRow row = new AuditRow();
        row.at = Instant.now(clock);
        row.client = client;
        row.action = action;
        row.subject = subject;
        row.actor = actor;
        row.purpose = purpose;
        return row.persist().replaceWithVoid();
    }
}
