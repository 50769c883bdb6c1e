package dev.seva.desk.service;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.contracts.department.ApplicationEvent;
import dev.seva.desk.client.DocumentTemplates;
import dev.seva.desk.client.GraphMedia;
import dev.seva.desk.domain.ApplicationStatus;
import dev.seva.desk.domain.Officer;
import dev.seva.desk.persistence.ApplicationRow;
import dev.seva.desk.persistence.HistoryRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading one application as an officer: checked against the officer's departments and written to the audit log. */
@ApplicationScoped
public class Applications {

    /** An application as the officer sees it. */
    public record Detail(ApplicationRow row, Optional<ServiceDefinition> service, List<Answers.Labelled> answers,
                         List<ApplicationEvent.Attachment> attachments, List<HistoryRow> history) {
        public ApplicationStatus status() {
            return ApplicationStatus.fromWire(row.status);
        }
    }

    @Inject
    AuditLog audit;

    @Inject
    CatalogueView catalogue;

    @Inject
    DocumentTemplates templates;

    @Inject
    Actions actions;

    @Inject
    GraphMedia media;

    public Uni<Detail> view(Officer officer, String reference, String language, RequestOrigin origin) {
        return readable(officer, reference, "view", origin).chain(row -> Panache.withSession(() ->
                HistoryRow.<HistoryRow>list("reference = ?1 order by id", reference)).map(history -> {
            Optional<ServiceDefinition> service = catalogue.service(row.serviceId);
            return new Detail(row, service, Answers.labelled(Answers.printableAll(Json.tree(row.fields)), service, language),
                    attachments(row), history);
        }));
    }

    /** The certificate data an approval would carry now (before the officer's changes), with the template's labels. */
    public Uni<Map<String, String>> certificatePrefill(ApplicationRow row) {
        String type = catalogue.service(row.serviceId).map(ServiceDefinition::documentType).orElse(null);
        if (type == null || !ApplicationStatus.fromWire(row.status).isOpen()) {
            return Uni.createFrom().item(Map.of());
        }
        return templates.template(type).map(t -> actions.prefill(row, t));
    }

    public Uni<Map<String, String>> certificateLabels(ApplicationRow row) {
        String type = catalogue.service(row.serviceId).map(ServiceDefinition::documentType).orElse(null);
        if (type == null) {
            return Uni.createFrom().item(Map.of());
        }
        return templates.template(type).map(t -> t.labels()).onFailure().recoverWithItem(Map.of());
    }

    /** One attachment of the application, fetched from the Cloud API for the officer; only the application's own media ids. */
    public Uni<GraphMedia.Media> attachment(Officer officer, String reference, String mediaId, RequestOrigin origin) {
        return readable(officer, reference, "view-attachment", origin).chain(row -> {
            boolean own = attachments(row).stream().anyMatch(a -> a.mediaId().equals(mediaId));
            if (!own) {
                return Uni.createFrom().failure(new NotFound("Application " + reference + " has no such attachment."));
            }
            return media.fetch(mediaId);
        });
    }

    private Uni<ApplicationRow> readable(Officer officer, String reference, String action, RequestOrigin origin) {
        return Panache.withSession(() -> ApplicationRow.<ApplicationRow>findById(reference)).chain(row -> {
            if (row == null) {
                return Uni.createFrom().failure(new NotFound("No application " + reference + " in this desk."));
            }
            if (!officer.worksFor(row.departmentId)) {
                return audit.record(officer, row.departmentId, action, reference, AuditLog.DENIED, origin, null)
                        .chain(() -> Uni.createFrom().failure(new AccessDenied("You do not work for the department that owns application " + reference + ".")));
            }
            return audit.record(officer, row.departmentId, action, reference, AuditLog.DONE, origin, null).replaceWith(row);
        });
    }

    static List<ApplicationEvent.Attachment> attachments(ApplicationRow row) {
        List<ApplicationEvent.Attachment> list = row.attachments == null ? null
                : Json.read(row.attachments, new TypeReference<List<ApplicationEvent.Attachment>>() {
                });
        return list == null ? List.of() : list;
    }
}
