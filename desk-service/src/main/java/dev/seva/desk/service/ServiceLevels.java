package dev.seva.desk.service;

import dev.seva.contracts.EventIds;
import dev.seva.contracts.Topics;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.desk.config.DeskConfig;
import dev.seva.desk.domain.WorkingCalendar;
import dev.seva.desk.persistence.ApplicationRow;
import dev.seva.desk.persistence.HistoryRow;
import dev.seva.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Service levels kept: an open application past its due date is flagged overdue and escalated to the
 * department's supervisors (their queue's "overdue" filter), and the citizen is told, through the
 * department's outcomes topic (outcome {@code delayed}), the new date by which the department expects
 * to decide ({@code seva.desk.delay-extension-days} working days on). When that date passes too, the
 * citizen is told again with a later one. One instance at a time does a round (an advisory lock), in
 * batches, each application in the same transaction as its outcome event.
 */
@ApplicationScoped
public class ServiceLevels {

    private static final Logger LOG = Logger.getLogger(ServiceLevels.class);
    static final long LOCK_KEY = 0x5e7ade5c0001L;
    static final int BATCH = 200;

    @Inject
    Outbox outbox;

    @Inject
    WorkingCalendar calendar;

    @Inject
    DeskConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "${seva.desk.service-level-check:60s}", delayed = "${seva.desk.service-level-first-check:20s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRound() {
        return round().onFailure().invoke(f -> LOG.warnf("Service-level round failed (next round will retry): %s", f.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One round: every open application whose promised date (or last told date) has passed. Answers how many were told. */
    public Uni<Integer> round() {
        LocalDate today = LocalDate.now(clock.withZone(Calendar.INDIA));
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s
                        .createNativeQuery("SELECT pg_try_advisory_xact_lock(" + LOCK_KEY + ")", Boolean.class).getSingleResult())
                .chain(locked -> !locked ? Uni.createFrom().item(0)
                        : ApplicationRow.<ApplicationRow>find("open = true and dueDate < ?1 and (delayToldUntil is null or delayToldUntil < ?1)"
                                        + " order by dueDate", today).range(0, BATCH - 1).list()
                                .chain(rows -> tell(rows, today))));
    }

    private Uni<Integer> tell(List<ApplicationRow> rows, LocalDate today) {
        Instant now = Instant.now(clock);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ApplicationRow row : rows) {
            LocalDate expectedBy = calendar.addWorkingDays(today, config.delayExtensionDays());
            boolean firstTime = !row.overdue;
            row.overdue = true;
            if (row.escalatedAt == null) {
                row.escalatedAt = now;
            }
            row.delayToldUntil = expectedBy;
            row.updatedAt = now;
            ApplicationOutcomeDecided delayed = new ApplicationOutcomeDecided(
                    EventIds.nameBased("desk.delayed", row.reference, expectedBy.toString()), ApplicationOutcomeDecided.EVENT_TYPE, now,
                    row.departmentId, row.reference, row.serviceId, row.citizenRef, ApplicationOutcomeDecided.Outcome.DELAYED, null, null,
                    null, new ApplicationOutcomeDecided.Officer("desk", "Department desk"), expectedBy);
            String detail = "{\"dueDate\":\"" + row.dueDate + "\",\"expectedBy\":\"" + expectedBy + "\"}";
            chain = chain.chain(() -> HistoryRow.of(row.reference, now, "desk", firstTime ? "escalated" : "delayed_again", detail).persist())
                    .chain(() -> outbox.append(Topics.departmentOutcomes(row.departmentId), row.citizenRef, delayed));
        }
        if (!rows.isEmpty()) {
            LOG.infof("%d application(s) past their promised date: escalated, citizens told the new date", rows.size());
        }
        return chain.replaceWith(rows.size());
    }
}
