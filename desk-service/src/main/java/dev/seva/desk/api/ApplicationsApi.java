package dev.seva.desk.api;

import dev.seva.desk.domain.Officer;
import dev.seva.desk.persistence.ApplicationRow;
import dev.seva.desk.service.AccessDenied;
import dev.seva.desk.service.Actions;
import dev.seva.desk.service.Applications;
import dev.seva.desk.service.AuditLog;
import dev.seva.desk.service.CatalogueView;
import dev.seva.desk.service.Officers;
import dev.seva.desk.service.Queue;
import dev.seva.desk.config.DeskConfig;
import dev.seva.web.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The desk as a JSON API, for tools, scripts and tests: the caller's department's queue, one
 * application, and the officers' actions. OIDC bearer tokens of the {@code seva} realm; the department
 * is always one the caller works for.
 */
@Path("/api")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "oidc")
public class ApplicationsApi {

    public record Summary(String reference, String departmentId, String serviceId, String serviceName, String status, Instant submittedAt,
                          LocalDate dueDate, boolean overdue, String district, String mandal, String assignedTo, int version) {
        static Summary of(ApplicationRow r, CatalogueView catalogue) {
            return of(r, r.status, catalogue);
        }

        /** With the status the officer is shown (erased when the vault no longer has the citizen's key). */
        static Summary of(ApplicationRow r, String status, CatalogueView catalogue) {
            return new Summary(r.reference, r.departmentId, r.serviceId, catalogue.serviceName(r.serviceId, "en"), status, r.submittedAt,
                    r.dueDate, r.overdue, r.district, r.mandal, r.assignedTo, r.version);
        }
    }

    /** {@code total} is exact unless {@code totalIsLowerBound} (more than {@link Queue#COUNT_CAP} match). */
    public record QueuePage(String department, int page, int pageSize, long total, boolean totalIsLowerBound, List<Summary> applications) {
    }

    public record HistoryEntry(Instant at, String actor, String kind, Object detail) {
    }

    public record ApplicationDetail(Summary application, String language, List<dev.seva.desk.service.Answers.Labelled> answers,
                                    List<dev.seva.contracts.department.ApplicationEvent.Attachment> attachments, Object pendingQuestion,
                                    List<HistoryEntry> history, Map<String, String> certificatePrefill) {
    }

    @Inject
    CurrentOfficer current;

    @Inject
    Queue queue;

    @Inject
    Applications applications;

    @Inject
    Actions actions;

    @Inject
    AuditLog audit;

    @Inject
    CatalogueView catalogue;

    @Inject
    Officers officers;

    @Inject
    DeskConfig config;

    @GET
    @Path("/applications")
    @Operation(summary = "The caller's department's applications (status=open by default), by due date")
    public Uni<QueuePage> list(@QueryParam("department") String department, @QueryParam("status") String status,
                               @QueryParam("service") String service, @QueryParam("dueBefore") LocalDate dueBefore,
                               @QueryParam("district") String district, @QueryParam("mandal") String mandal,
                               @QueryParam("assigned") String assigned, @QueryParam("overdue") boolean overdue,
                               @QueryParam("page") Integer page) {
        Officer officer = current.get();
        String dept = department(officer, department);
        if (status != null && !Queue.statuses().contains(status)) {
            throw new dev.seva.desk.domain.ActionRefused(dev.seva.desk.domain.ActionRefused.Kind.INVALID, "invalid-filter", "status",
                    "status must be one of " + Queue.statuses() + ".", "status సరైనది కాదు.");
        }
        int p = page == null || page < 1 ? 1 : Math.min(page, 100_000);
        String assignedTo = "me".equals(assigned) ? officer.userName() : blank(assigned);
        Queue.Filter filter = new Queue.Filter(dept, status, blank(service), dueBefore, blank(district), blank(mandal), assignedTo, overdue,
                p, config.pageSize());
        return officers.seen(officer).chain(() -> queue.find(filter))
                .call(result -> audit.record(officer, dept, "view-queue", null, AuditLog.DONE, current.origin(), "page " + p))
                .map(result -> new QueuePage(dept, p, result.pageSize(), result.total(), result.more(),
                        result.items().stream().map(r -> Summary.of(r, catalogue)).toList()));
    }

    @GET
    @Path("/applications/{reference}")
    @Operation(summary = "One application: the citizen's answers (Aadhaar masked), attachments, history, the certificate's prefilled data")
    public Uni<ApplicationDetail> one(@PathParam("reference") String reference) {
        Officer officer = current.get();
        return applications.view(officer, reference, "en", current.origin()).chain(d -> applications.certificatePrefill(d)
                .onFailure().recoverWithItem(Map.of())
                .map(prefill -> new ApplicationDetail(Summary.of(d.row(), d.status().wireName(), catalogue), d.row().language, d.answers(),
                        d.attachments(), d.pendingQuestion(),
                        d.history().stream().map(h -> new HistoryEntry(h.at(), h.actor(), h.kind(), h.detail())).toList(),
                        prefill)));
    }

    @POST
    @Path("/applications/{reference}/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Act on an application: accept, ask, reject, approve (fields override the certificate's data), assign, note")
    public Uni<Actions.Result> act(@PathParam("reference") String reference, ActionRequest request) {
        if (request == null) {
            return Uni.createFrom().item(() -> {
                throw new jakarta.ws.rs.WebApplicationException(Problem.response(400, "invalid-action", "The action is not valid",
                        "A JSON body with \"action\" is required."));
            });
        }
        Officer officer = current.get();
        return Uni.createFrom().item(request::toAction)
                .chain(action -> actions.act(officer, reference, action, request.version(), current.origin()));
    }

    @GET
    @Path("/audit")
    @Produces("text/csv")
    @Operation(summary = "The audit log between two instants, as CSV (role auditor)")
    public Uni<Response> auditCsv(@QueryParam("from") Instant from, @QueryParam("to") Instant to, @QueryParam("reference") String reference) {
        Officer officer = current.get();
        if (!officer.isAuditor()) {
            return audit.record(officer, null, "export-audit", null, AuditLog.DENIED, current.origin(), null)
                    .chain(() -> Uni.createFrom().failure(new AccessDenied("Only an auditor may read the audit log.")));
        }
        Instant start = from == null ? Instant.EPOCH : from;
        Instant end = to == null ? Instant.now().plusSeconds(60) : to;
        return audit.record(officer, null, "export-audit", reference, AuditLog.DONE, current.origin(), start + " to " + end)
                .chain(() -> audit.between(start, end, blank(reference), 100_000))
                .map(rows -> Response.ok(AuditLog.csv(rows), "text/csv; charset=UTF-8")
                        .header("Content-Disposition", "attachment; filename=\"desk-audit.csv\"").build());
    }

    /** The department asked for, or the caller's only one; never a department the caller does not work for. */
    static String department(Officer officer, String asked) {
        Set<String> mine = officer.departments();
        if (asked != null && !asked.isBlank()) {
            if (!officer.worksFor(asked)) {
                throw new AccessDenied("You do not work for department " + asked + ".");
            }
            return asked;
        }
        if (mine.isEmpty()) {
            throw new AccessDenied("Your account has no department role (dept-<department>-officer).");
        }
        return mine.iterator().next();
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
