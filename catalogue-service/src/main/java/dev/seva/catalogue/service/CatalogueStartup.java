package dev.seva.catalogue.service;

import dev.seva.catalogue.data.Catalogue;
import dev.seva.catalogue.data.CatalogueFiles;
import dev.seva.catalogue.domain.Department;
import dev.seva.catalogue.persistence.DepartmentRow;
import dev.seva.catalogue.persistence.ServiceRow;
import dev.seva.contracts.catalogue.ServiceDefinition;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * At start-up: load the data files (failing the start if they are wrong, with every problem named),
 * bring the database up to date with them, then build the in-memory view for browsing and search.
 *
 * <p>The data files seed the catalogue: a service they define is created if missing, and updated
 * when the file changed — unless a department officer has changed it through the admin API since,
 * in which case the officer's version stands. Every insert or update is published through the outbox
 * like any other change. Instances serialize on an advisory lock, so two never seed at once.
 */
@ApplicationScoped
public class CatalogueStartup {

    private static final Logger LOG = Logger.getLogger(CatalogueStartup.class);

    @Inject
    CatalogueCommands commands;

    @Inject
    CatalogueView view;

    void onStart(@Observes @Priority(10) StartupEvent event) throws Throwable {
        Catalogue files = CatalogueFiles.load();
        long started = System.nanoTime();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger updated = new AtomicInteger();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('seva-catalogue-seed'))").getSingleResult())
                .chain(() -> upsertDepartments(files.departments()))
                .chain(() -> Multi.createFrom().iterable(files.services())
                        .onItem().transformToUniAndConcatenate(service -> seed(service, created, updated))
                        .collect().last())));
        VertxContextSupport.subscribeAndAwait(this::loadView);
        LOG.infof("Catalogue ready in %d ms: %d departments, %d active services (%d created, %d updated from the data files)",
                (System.nanoTime() - started) / 1_000_000, view.departments().size(), view.activeCount(), created.get(), updated.get());
    }

    private Uni<Void> upsertDepartments(List<Department> departments) {
        List<Uni<Void>> writes = new ArrayList<>();
        for (int i = 0; i < departments.size(); i++) {
            Department d = departments.get(i);
            int position = i;
            writes.add(DepartmentRow.<DepartmentRow>findById(d.id()).chain(row -> {
                DepartmentRow target = row == null ? new DepartmentRow() : row;
                target.id = d.id();
                target.names = Definitions.json(d.names());
                target.descriptions = d.descriptions() == null ? null : Definitions.json(d.descriptions());
                target.position = position;
                return row == null ? target.persist().replaceWithVoid() : Uni.createFrom().voidItem();
            }));
        }
        return Multi.createFrom().iterable(writes).onItem().transformToUniAndConcatenate(u -> u).collect().last().replaceWithVoid();
    }

    private Uni<Void> seed(ServiceDefinition fromFile, AtomicInteger created, AtomicInteger updated) {
        String hash = Definitions.contentHash(fromFile);
        return ServiceRow.<ServiceRow>findById(fromFile.id()).chain(row -> {
            if (row == null) {
                ServiceRow fresh = new ServiceRow();
                fresh.id = fromFile.id();
                fresh.departmentId = fromFile.departmentId();
                fresh.version = 1;
                fresh.status = ServiceRow.ACTIVE;
                fresh.definition = Definitions.json(fromFile);
                fresh.source = ServiceRow.FROM_DATA_FILE;
                fresh.dataFileHash = hash;
                fresh.updatedAt = Instant.now();
                fresh.updatedBy = "data-file";
                created.incrementAndGet();
                return fresh.persist().chain(() -> commands.publish(fromFile));
            }
            boolean fileChanged = !hash.equals(row.dataFileHash);
            if (fileChanged && ServiceRow.FROM_DATA_FILE.equals(row.source) && ServiceRow.ACTIVE.equals(row.status)) {
                ServiceDefinition next = Definitions.with(fromFile, fromFile.id(), row.version + 1, fromFile.departmentId(), fromFile.departmentName());
                row.version = next.version();
                row.definition = Definitions.json(next);
                row.departmentId = next.departmentId();
                row.dataFileHash = hash;
                row.updatedAt = Instant.now();
                row.updatedBy = "data-file";
                updated.incrementAndGet();
                return commands.publish(next);
            }
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> loadView() {
        return Panache.withSession(() -> DepartmentRow.<DepartmentRow>list("order by position")
                .chain(departments -> ServiceRow.<ServiceRow>listAll().invoke(services -> view.load(
                        departments.stream().map(d -> new Department(d.id, Definitions.parseText(d.names), Definitions.parseText(d.descriptions))).toList(),
                        services.stream().filter(s -> ServiceRow.ACTIVE.equals(s.status)).map(s -> Definitions.parse(s.definition)).toList(),
                        services.stream().filter(s -> ServiceRow.RETIRED.equals(s.status)).map(s -> s.id).collect(Collectors.toSet()))))
                .replaceWithVoid());
    }
}
