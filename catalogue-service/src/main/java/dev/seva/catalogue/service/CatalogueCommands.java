package dev.seva.catalogue.service;

import dev.seva.catalogue.domain.Actor;
import dev.seva.catalogue.domain.CatalogueException;
import dev.seva.catalogue.domain.FieldError;
import dev.seva.catalogue.domain.ServiceValidation;
import dev.seva.catalogue.persistence.DepartmentRow;
import dev.seva.catalogue.persistence.ServiceRow;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.Topics;
import dev.seva.contracts.catalogue.CatalogueServicePublished;
import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * Changes to the catalogue: create, update, retire. Each is one transaction that changes the row and
 * appends the event to the outbox, so {@code catalogue.services.v1} never disagrees with the
 * database; a retired service becomes a tombstone on the compacted topic.
 */
@ApplicationScoped
public class CatalogueCommands {

    private static final Logger LOG = Logger.getLogger(CatalogueCommands.class);
    public static final String RETIRED_EVENT_TYPE = "catalogue.service.retired";

    @Inject
    Outbox outbox;

    @Inject
    CatalogueView view;

    public Uni<ServiceDefinition> create(ServiceDefinition candidate, Actor actor) {
        requirePermission(actor, candidate.departmentId());
        return Panache.withTransaction(() -> department(candidate.departmentId())
                        .chain(department -> {
                            ServiceDefinition definition = Definitions.with(candidate, candidate.id(), 1, department.id,
                                    Definitions.parseText(department.names));
                            requireValid(definition);
                            return ServiceRow.<ServiceRow>findById(definition.id()).chain(existing -> {
                                if (existing != null) {
                                    return Uni.createFrom().failure(new CatalogueException.AlreadyExists(definition.id()));
                                }
                                ServiceRow row = new ServiceRow();
                                row.id = definition.id();
                                row.departmentId = definition.departmentId();
                                row.version = 1;
                                row.status = ServiceRow.ACTIVE;
                                row.definition = Definitions.json(definition);
                                row.source = ServiceRow.FROM_ADMIN;
                                row.updatedAt = Instant.now();
                                row.updatedBy = actor.name();
                                return row.persist().chain(() -> publish(definition)).replaceWith(definition);
                            });
                        }))
                .invoke(definition -> {
                    view.apply(definition);
                    LOG.infof("Service %s created by %s (department %s)", definition.id(), actor.name(), definition.departmentId());
                });
    }

    public Uni<ServiceDefinition> update(String id, int expectedVersion, ServiceDefinition candidate, Actor actor) {
        return Panache.withTransaction(() -> current(id).chain(row -> {
                    requirePermission(actor, row.departmentId);
                    requirePermission(actor, candidate.departmentId());
                    if (row.version != expectedVersion) {
                        return Uni.createFrom().failure(new CatalogueException.VersionConflict(id, expectedVersion, row.version));
                    }
                    return department(candidate.departmentId()).chain(department -> {
                        ServiceDefinition definition = Definitions.with(candidate, id, row.version + 1, department.id,
                                Definitions.parseText(department.names));
                        requireValid(definition);
                        return ServiceRow.update("definition = ?1, version = ?2, departmentId = ?3, source = ?4, updatedAt = ?5, updatedBy = ?6 "
                                                + "where id = ?7 and version = ?8",
                                        Definitions.json(definition), definition.version(), definition.departmentId(), ServiceRow.FROM_ADMIN,
                                        Instant.now(), actor.name(), id, expectedVersion)
                                .chain(updated -> updated == 1
                                        ? publish(definition).replaceWith(definition)
                                        : Uni.createFrom().failure(new CatalogueException.VersionConflict(id, expectedVersion, expectedVersion + 1)));
                    });
                }))
                .invoke(definition -> {
                    view.apply(definition);
                    LOG.infof("Service %s updated to version %d by %s", id, definition.version(), actor.name());
                });
    }

    public Uni<ServiceDefinition> retire(String id, int expectedVersion, Actor actor) {
        return Panache.withTransaction(() -> current(id).chain(row -> {
                    requirePermission(actor, row.departmentId);
                    if (row.version != expectedVersion) {
                        return Uni.createFrom().failure(new CatalogueException.VersionConflict(id, expectedVersion, row.version));
                    }
                    ServiceDefinition last = Definitions.parse(row.definition);
                    ServiceDefinition retired = Definitions.with(last, id, row.version + 1, last.departmentId(), last.departmentName());
                    return ServiceRow.update("status = ?1, version = ?2, definition = ?3, updatedAt = ?4, updatedBy = ?5 where id = ?6 and version = ?7",
                                    ServiceRow.RETIRED, retired.version(), Definitions.json(retired), Instant.now(), actor.name(), id, expectedVersion)
                            .chain(updated -> updated == 1
                                    ? outbox.appendTombstone(Topics.CATALOGUE_SERVICES, id, EventIds.random(), RETIRED_EVENT_TYPE).replaceWith(retired)
                                    : Uni.createFrom().failure(new CatalogueException.VersionConflict(id, expectedVersion, expectedVersion + 1)));
                }))
                .invoke(retired -> {
                    view.retire(id);
                    LOG.infof("Service %s retired by %s", id, actor.name());
                });
    }

    Uni<Void> publish(ServiceDefinition definition) {
        return outbox.append(Topics.CATALOGUE_SERVICES, definition.id(),
                new CatalogueServicePublished(EventIds.random(), CatalogueServicePublished.EVENT_TYPE, Instant.now(), definition));
    }

    private static Uni<ServiceRow> current(String id) {
        return ServiceRow.<ServiceRow>findById(id).chain(row -> {
            if (row == null) {
                return Uni.createFrom().failure(new CatalogueException.NotFound(id));
            }
            if (ServiceRow.RETIRED.equals(row.status)) {
                return Uni.createFrom().failure(new CatalogueException.Retired(id));
            }
            return Uni.createFrom().item(row);
        });
    }

    private static Uni<DepartmentRow> department(String id) {
        if (id == null) {
            return Uni.createFrom().failure(new CatalogueException.InvalidDefinition(List.of(new FieldError("departmentId", "is required"))));
        }
        return DepartmentRow.<DepartmentRow>findById(id)
                .onItem().ifNull().failWith(() -> new CatalogueException.InvalidDefinition(
                        List.of(new FieldError("departmentId", "no department '" + id + "'"))));
    }

    private static void requirePermission(Actor actor, String departmentId) {
        if (departmentId != null && !actor.mayManage(departmentId)) {
            throw new CatalogueException.NotPermitted(departmentId);
        }
    }

    private static void requireValid(ServiceDefinition definition) {
        List<FieldError> errors = ServiceValidation.validate(definition);
        if (!errors.isEmpty()) {
            throw new CatalogueException.InvalidDefinition(errors);
        }
    }
}
