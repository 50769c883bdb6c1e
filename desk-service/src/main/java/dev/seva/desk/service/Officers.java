package dev.seva.desk.service;

import dev.seva.desk.domain.Officer;
import dev.seva.desk.persistence.OfficerRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The officers of each department the desk has seen signed in (whom applications can be assigned to). */
@ApplicationScoped
public class Officers {

    @Inject
    Clock clock;

    /** Who was recorded lately: a page view does not write a row each time. */
    private final Map<String, Instant> recent = new ConcurrentHashMap<>();

    public Uni<Void> seen(Officer officer) {
        Instant now = Instant.now(clock);
        Instant last = recent.get(officer.userName());
        if (last != null && Duration.between(last, now).toMinutes() < 10) {
            return Uni.createFrom().voidItem();
        }
        recent.put(officer.userName(), now);
        return Panache.withTransaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String department : officer.departments()) {
                chain = chain.chain(() -> OfficerRow.<OfficerRow>findById(new OfficerRow.Key(officer.userName(), department)).chain(row -> {
                    OfficerRow r = row == null ? new OfficerRow() : row;
                    r.userName = officer.userName();
                    r.departmentId = department;
                    r.displayName = officer.displayName();
                    r.supervisor = officer.supervises(department);
                    r.lastSeenAt = now;
                    return row == null ? r.persist().replaceWithVoid() : Uni.createFrom().voidItem();
                }));
            }
            return chain;
        });
    }

    public Uni<List<OfficerRow>> of(String department) {
        return Panache.withSession(() -> OfficerRow.<OfficerRow>list("departmentId = ?1 order by userName", department));
    }
}
