package dev.seva.desk.service;

import dev.seva.desk.domain.ApplicationStatus;
import dev.seva.desk.persistence.ApplicationRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A department's work queue: its applications by due date, filtered. One indexed query for the page
 * (each filter has a partial index over the open applications, V2) and a count that stops at
 * {@link #COUNT_CAP}: an exact count of 100,000 open applications on every view was what made the queue
 * slow under 50 officers (benchmarks/RESULTS.md); nobody pages through more than ten thousand.
 */
@ApplicationScoped
public class Queue {

    public static final int COUNT_CAP = 10_000;

    /** What the officer filters by; null means "any". {@code status} "open" (default) is every open status. */
    public record Filter(String department, String status, String serviceId, LocalDate dueBefore, String district, String mandal,
                         String assignedTo, boolean overdueOnly, int page, int pageSize) {
    }

    /** A page of the queue; {@code total} is exact unless {@code more} (then there are more than {@link #COUNT_CAP}). */
    public record Page<T>(List<T> items, long total, boolean more, int page, int pageSize) {
        public long pages() {
            return Math.max(1, (total + pageSize - 1) / pageSize);
        }

        public boolean hasNext() {
            return more ? items.size() == pageSize : page < pages();
        }
    }

    public Uni<Page<ApplicationRow>> find(Filter f) {
        StringBuilder where = new StringBuilder("department_id = ?1");
        List<Object> params = new ArrayList<>(List.of(f.department()));
        String status = f.status() == null || f.status().isBlank() ? "open" : f.status();
        switch (status) {
            case "open" -> where.append(" AND is_open");
            case "all" -> {
            }
            default -> where.append(" AND status = ?").append(add(params, ApplicationStatus.fromWire(status).wireName()));
        }
        if (f.serviceId() != null) {
            where.append(" AND service_id = ?").append(add(params, f.serviceId()));
        }
        if (f.dueBefore() != null) {
            where.append(" AND due_date <= ?").append(add(params, f.dueBefore()));
        }
        if (f.district() != null) {
            where.append(" AND lower(district) = ?").append(add(params, f.district().toLowerCase(Locale.ROOT)));
        }
        if (f.mandal() != null) {
            where.append(" AND lower(mandal) = ?").append(add(params, f.mandal().toLowerCase(Locale.ROOT)));
        }
        if (f.assignedTo() != null) {
            where.append(" AND assigned_to = ?").append(add(params, f.assignedTo()));
        }
        if (f.overdueOnly()) {
            where.append(" AND overdue");
        }
        int offset = Math.max(0, f.page() - 1) * f.pageSize();
        String pageSql = "SELECT * FROM desk_application WHERE " + where + " ORDER BY due_date, reference LIMIT " + f.pageSize()
                + " OFFSET " + offset;
        String countSql = "SELECT count(*) FROM (SELECT 1 FROM desk_application WHERE " + where + " LIMIT " + (COUNT_CAP + 1) + ") AS capped";
        return Panache.withSession(() -> Panache.getSession().chain(session -> {
            var pageQuery = session.createNativeQuery(pageSql, ApplicationRow.class);
            for (int i = 0; i < params.size(); i++) {
                pageQuery.setParameter(i + 1, params.get(i));
            }
            return pageQuery.getResultList().chain(rows -> {
                if (f.page() <= 1 && rows.size() < f.pageSize()) {
                    // The whole result is on this page: no count needed.
                    return Uni.createFrom().item(new Page<>(new ArrayList<>(rows), rows.size(), false, f.page(), f.pageSize()));
                }
                var countQuery = session.createNativeQuery(countSql, Long.class);
                for (int i = 0; i < params.size(); i++) {
                    countQuery.setParameter(i + 1, params.get(i));
                }
                return countQuery.getSingleResult().map(count -> new Page<>(new ArrayList<>(rows), Math.min(count, COUNT_CAP),
                        count > COUNT_CAP, f.page(), f.pageSize()));
            });
        }));
    }

    private static int add(List<Object> params, Object value) {
        params.add(value);
        return params.size();
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
