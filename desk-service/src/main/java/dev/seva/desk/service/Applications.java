package dev.seva.desk.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.contracts.department.ApplicationEvent;
import dev.seva.desk.client.CitizenKeys;
import dev.seva.desk.client.DocumentTemplates;
import dev.seva.desk.client.GraphMedia;
import dev.seva.desk.domain.ApplicationStatus;
import dev.seva.desk.domain.CitizenSeal;
import dev.seva.desk.domain.Officer;
import dev.seva.desk.persistence.ApplicationRow;
import dev.seva.desk.persistence.HistoryRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading one application as an officer: checked against the officer's departments, opened with the
 * citizen's key from vault-service, and written to the audit log. An application whose citizen the
 * vault says is erased reads as erased, with nothing of theirs in it. A vault that does not answer
 * fails the read ({@link dev.seva.privacy.vault.VaultClient.VaultUnavailable}, a 503 for the officer)
 * before anything is audited as seen.
 */
@ApplicationScoped
public class Applications {

    /** An application as the officer sees it: what the citizen wrote, opened; {@code erased} when the vault no longer has their key. */
    public record Detail(ApplicationRow row, boolean erased, Optional<ServiceDefinition> service, JsonNode fields,
                         List<Answers.Labelled> answers, List<ApplicationEvent.Attachment> attachments, JsonNode pendingQuestion,
                         List<Entry> history) {
        public ApplicationStatus status() {
            return erased ? ApplicationStatus.ERASED : ApplicationStatus.fromWire(row.status);
        }
    }

    /** One history entry with its detail opened (null when there is none, or the citizen is erased). */
    public record Entry(Instant at, String actor, String kind, JsonNode detail) {
    }

    private record Opened(ApplicationRow row, CitizenSeal seal) {
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

    @Inject
    CitizenKeys keys;

    public Uni<Detail> view(Officer officer, String reference, String language, RequestOrigin origin) {
        return readable(officer, reference, "view", origin).chain(opened -> Panache.withSession(() ->
                HistoryRow.<HistoryRow>list("reference = ?1 order by id", reference)).map(history -> {
            ApplicationRow row = opened.row();
            CitizenSeal seal = opened.seal();
            Optional<ServiceDefinition> service = catalogue.service(row.serviceId);
            JsonNode fields = json(seal.open(row.fields));
            List<Entry> entries = history.stream().map(h -> new Entry(h.at, h.actor, h.kind, json(seal.open(h.detail)))).toList();
            return new Detail(row, seal.erased(), service, fields, Answers.labelled(Answers.printableAll(fields), service, language),
                    attachments(row, seal), json(seal.open(row.pendingQuestion)), entries);
        }));
    }

    /** The certificate data an approval would carry now (before the officer's changes); none once decided or erased. */
    public Uni<Map<String, String>> certificatePrefill(Detail detail) {
        String type = catalogue.service(detail.row().serviceId).map(ServiceDefinition::documentType).orElse(null);
        if (type == null || !detail.status().isOpen()) {
            return Uni.createFrom().item(Map.of());
        }
        return templates.template(type).map(t -> actions.prefill(detail.row(), detail.fields(), t));
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
        return readable(officer, reference, "view-attachment", origin).chain(opened -> {
            boolean own = attachments(opened.row(), opened.seal()).stream().anyMatch(a -> a.mediaId().equals(mediaId));
            if (!own) {
                return Uni.createFrom().failure(new NotFound("Application " + reference + " has no such attachment."));
            }
            return media.fetch(mediaId);
        });
    }

    private Uni<Opened> readable(Officer officer, String reference, String action, RequestOrigin origin) {
        return Panache.withSession(() -> ApplicationRow.<ApplicationRow>findById(reference)).chain(row -> {
            if (row == null) {
                return Uni.createFrom().failure(new NotFound("No application " + reference + " in this desk."));
            }
            if (!officer.worksFor(row.departmentId)) {
                return audit.record(officer, row.departmentId, action, reference, AuditLog.DENIED, origin, null)
                        .chain(() -> Uni.createFrom().failure(new AccessDenied("You do not work for the department that owns application " + reference + ".")));
            }
            return keys.of(row.citizenRef).chain(seal -> audit.record(officer, row.departmentId, action, reference, AuditLog.DONE, origin, null)
                    .replaceWith(new Opened(row, seal)));
        });
    }

    static List<ApplicationEvent.Attachment> attachments(ApplicationRow row, CitizenSeal seal) {
        String clear = seal.open(row.attachments);
        List<ApplicationEvent.Attachment> list = clear == null ? null
                : Json.read(clear, new TypeReference<List<ApplicationEvent.Attachment>>() {
                });
        return list == null ? List.of() : list;
    }

    static JsonNode json(String clear) {
        return clear == null ? null : Json.tree(clear);
    }
}
