package dev.seva.desk.service;

import dev.seva.desk.domain.ApplicationStatus;
import dev.seva.desk.persistence.ApplicationRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A department's work queue: its applications by due date, filtered. One indexed query for the page
 * (department, open, due date) and one count; nothing loads more than a page.
 */
@ApplicationScoped
public class Queue {

    /** What the officer filters by; null means "any". {@code status} "open" (default) is every open status. */
    public record Filter(String department, String status, String serviceId, LocalDate dueBefore, String district, String mandal,
                         String assignedTo, boolean overdueOnly, int page, int pageSize) {
    }

    public record Page<T>(List<T> items, long total, int page, int pageSize) {
        public long pages() {
            return Math.max(1, (total + pageSize - 1) / pageSize);
        }
    }

    public Uni<Page<ApplicationRow>> find(Filter f) {
        StringBuilder q = new StringBuilder("departmentId = :department");
        io.quarkus.panache.common.Parameters p = io.quarkus.panache.common.Parameters.with("department", f.department());
        String status = f.status() == null || f.status().isBlank() ? "open" : f.status();
        switch (status) {
            case "open" -> q.append(" and open = true");
            case "all" -> {
            }
            default -> {
                q.append(" and status = :status");
                p.and("status", ApplicationStatus.fromWire(status).wireName());
            }
        }
        if (f.serviceId() != null) {
            q.append(" and serviceId = :service");
            p.and("service", f.serviceId());
        }
        if (f.dueBefore() != null) {
            q.append(" and dueDate <= :due");
            p.and("due", f.dueBefore());
        }
        if (f.district() != null) {
            q.append(" and lower(district) = :district");
            p.and("district", f.district().toLowerCase(java.util.Locale.ROOT));
        }
        if (f.mandal() != null) {
            q.append(" and lower(mandal) = :mandal");
            p.and("mandal", f.mandal().toLowerCase(java.util.Locale.ROOT));
        }
        if (f.assignedTo() != null) {
            q.append(" and assignedTo = :assigned");
            p.and("assigned", f.assignedTo());
        }
        if (f.overdueOnly()) {
            q.append(" and overdue = true");
        }
        String where = q.toString();
        io.quarkus.panache.common.Parameters params = p;
        return Panache.withSession(() -> ApplicationRow.<ApplicationRow>find(where + " order by dueDate, reference", params)
                .page(io.quarkus.panache.common.Page.of(Math.max(0, f.page() - 1), f.pageSize())).list()
                .chain(rows -> ApplicationRow.count(where, params).map(total -> new Page<>(new ArrayList<>(rows), total, f.page(), f.pageSize()))));
    }

    /** Statuses an officer can filter by, in the order of work. */
    public static List<String> statuses() {
        List<String> out = new ArrayList<>(List.of("open"));
        for (ApplicationStatus s : ApplicationStatus.values()) {
            out.add(s.wireName());
        }
        out.add("all");
        return out;
    }
}
