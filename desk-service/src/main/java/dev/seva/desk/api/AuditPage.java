package dev.seva.desk.api;

import dev.seva.desk.domain.Officer;
import dev.seva.desk.persistence.AuditRow;
import dev.seva.desk.service.AccessDenied;
import dev.seva.desk.service.AuditLog;
import dev.seva.desk.web.Texts;
import dev.seva.desk.web.Views;
import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The audit log's last week as a page for the {@code auditor} role, with the CSV export of {@code /api/audit}. */
@Path("/audit")
@Authenticated
public class AuditPage {

    @Inject
    Template auditlog;

    @Inject
    CurrentOfficer current;

    @Inject
    AuditLog audit;

    @Inject
    DeskPages pages;

    @GET
        @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Uni<Response> auditPage(@QueryParam("reference") String reference, @QueryParam("lang") String lang) {
        Officer officer = current.get();
        Texts t = pages.texts(lang);
        if (!officer.isAuditor()) {
            return audit.record(officer, null, "view-audit", null, AuditLog.DENIED, current.origin(), null)
                    .chain(() -> Uni.createFrom().failure(new AccessDenied("Only an auditor may read the audit log.")));
        }
        Instant to = Instant.now().plusSeconds(60);
        Instant from = to.minus(7, ChronoUnit.DAYS);
        String ref = ApplicationsApi.blank(reference);
        return audit.record(officer, null, "view-audit", ref, AuditLog.DONE, current.origin(), null)
                .chain(() -> audit.between(from, to, ref, 500)).map(rows -> {
                    List<Views.AuditLine> lines = new ArrayList<>();
                    for (AuditRow r : rows) {
                        lines.add(new Views.AuditLine(DeskPages.MOMENT.format(r.at), r.actor, r.action, r.reference == null ? "" : r.reference,
                                r.outcome, r.clientIp == null ? "" : r.clientIp));
                    }
                    return DeskPages.page(auditlog.data("view", new Views.AuditView(pages.frame(t, officer, null), lines,
                            "/api/audit" + (ref == null ? "" : "?reference=" + ref))), lang, 200);
                });
    }

}
