package dev.seva.desk.service;

import dev.seva.desk.domain.Officer;
import dev.seva.desk.persistence.AuditRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Every officer's view of an application and every action, refusal and denial: who, when, what, on
 * which reference, from where. Append-only (the table refuses UPDATE and DELETE); it never holds what
 * the citizen wrote, only references. Read and exported as CSV by the {@code auditor} role.
 */
@ApplicationScoped
public class AuditLog {

    public static final String DONE = "done";
    public static final String REFUSED = "refused";
    public static final String DENIED = "denied";
    public static final String SYSTEM = "system";

    @Inject
    Clock clock;

    /** In the caller's transaction (an action and its audit line commit together). */
    public Uni<Void> append(Officer officer, String departmentId, String action, String reference, String outcome,
                            RequestOrigin origin, String detail) {
        AuditRow row = new AuditRow();
        row.at = Instant.now(clock);
        row.actor = officer == null ? "anonymous" : officer.userName();
        row.departmentId = departmentId;
        row.action = action;
        row.reference = reference;
        row.outcome = outcome;
        row.clientIp = origin == null ? null : origin.clientIp();
        row.userAgent = origin == null ? null : origin.userAgent();
        row.detail = detail == null ? null : detail.length() > 500 ? detail.substring(0, 500) : detail;
        return row.persist().replaceWithVoid();
    }

    /** What the desk did by itself (a bill marked paid), actor {@value #SYSTEM}, in the caller's transaction. */
    public Uni<Void> appendSystem(String departmentId, String action, String reference, String outcome, String detail) {
        AuditRow row = new AuditRow();
        row.at = Instant.now(clock);
        row.actor = SYSTEM;
        row.departmentId = departmentId;
        row.action = action;
        row.reference = reference;
        row.outcome = outcome;
        row.detail = detail == null ? null : detail.length() > 500 ? detail.substring(0, 500) : detail;
        return row.persist().replaceWithVoid();
    }

    /** In a transaction of its own (a view, or a refusal whose action's transaction rolled back). */
    public Uni<Void> record(Officer officer, String departmentId, String action, String reference, String outcome,
                            RequestOrigin origin, String detail) {
        return Panache.withTransaction(() -> append(officer, departmentId, action, reference, outcome, origin, detail));
    }

    public Uni<List<AuditRow>> between(Instant from, Instant to, String reference, int limit) {
        String query = "at >= ?1 and at < ?2" + (reference == null ? "" : " and reference = ?3") + " order by id";
        return Panache.withSession(() -> reference == null
                ? AuditRow.<AuditRow>find(query, from, to).range(0, limit - 1).list()
                : AuditRow.<AuditRow>find(query, from, to, reference).range(0, limit - 1).list());
    }

    public static String csv(List<AuditRow> rows) {
        StringBuilder out = new StringBuilder("id,at,actor,department,action,reference,outcome,client_ip,user_agent,detail\n");
        for (AuditRow r : rows) {
            out.append(r.id).append(',').append(DateTimeFormatter.ISO_INSTANT.format(r.at)).append(',')
                    .append(cell(r.actor)).append(',').append(cell(r.departmentId)).append(',').append(cell(r.action)).append(',')
                    .append(cell(r.reference)).append(',').append(cell(r.outcome)).append(',').append(cell(r.clientIp)).append(',')
                    .append(cell(r.userAgent)).append(',').append(cell(r.detail)).append('\n');
        }
        return out.toString();
    }

    /** RFC 4180 quoting; a cell that a spreadsheet would run as a formula is prefixed with an apostrophe. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
