package dev.seva.payment.api;

import dev.seva.payment.service.SettlementReport;
import dev.seva.web.Problem;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.EventJson;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The treasury's settlement report, behind OIDC bearer tokens: {@code payments-treasury} for any department, an
 * officer ({@code dept-<d>-officer}) for their own department only.
 */
@Path("/reports")
@Authenticated
@Tag(name = "Reports", description = "Settlement reports for the treasury (OIDC)")
@SecurityRequirement(name = "oidc")
public class SettlementReportResource {

    public static final String TREASURY = "payments-treasury";
    private static final Logger AUDIT = Logger.getLogger("seva.audit");
    static final Pattern DEPARTMENT = Pattern.compile("^[a-z][a-z0-9]{1,30}$");

    @Inject
    SettlementReport report;

    @Inject
    CurrentIdentityAssociation identity;

    @GET
    @Path("/settlements.csv")
    @Produces("text/csv")
    @Operation(summary = "A department's settlements of one day",
            description = "One line per order paid and per refund processed that day (India time), a header and a totals line. "
                    + "Role payments-treasury, or dept-<department>-officer of that department.")
    @APIResponse(responseCode = "200", description = "The CSV", content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "400", description = "department or date missing or malformed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Neither the treasury nor an officer of this department",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> settlements(@Parameter(description = "Department id", example = "revenue") @RestQuery String department,
                                     @Parameter(description = "Day in India (yyyy-MM-dd)", example = "2026-12-07") @RestQuery String date) {
        return identity.getDeferredIdentity().chain(caller -> {
            if (department == null || !DEPARTMENT.matcher(department).matches()) {
                return Uni.createFrom().item(invalid("department", "A department id (lower-case letters and digits) is required."));
            }
            LocalDate day;
            try {
                day = LocalDate.parse(date == null ? "" : date);
            } catch (DateTimeParseException e) {
                return Uni.createFrom().item(invalid("date", "A day as yyyy-MM-dd is required."));
            }
            if (!mayRead(caller.getRoles(), department)) {
                audit(caller.getPrincipal().getName(), caller.getRoles(), 403);
                return Uni.createFrom().item(Problem.response(403, "forbidden", "Forbidden",
                        "Settlement reports need the role payments-treasury, or dept-" + department + "-officer for this department."));
            }
            audit(caller.getPrincipal().getName(), caller.getRoles(), 200);
            String fileName = "settlements-" + department + "-" + day + ".csv";
            return report.csv(department, day).map(csv -> Response.ok(csv, "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                    .header("Cache-Control", "no-store").build());
        });
    }

    /**
     * One line on the audit log (logger {@code seva.audit}, the shape of web-support's OperatorAuditFilter) for every
     * authenticated request, refusals included; never the query string.
     */
    private static void audit(String subject, Set<String> roles, int status) {
        ObjectNode line = EventJson.mapper().createObjectNode().put("audit", "operator-access").put("time", Instant.now().toString())
                .put("subject", subject);
        ArrayNode list = line.putArray("roles");
        roles.stream().sorted().forEach(list::add);
        line.put("method", "GET").put("path", "/reports/settlements.csv").put("status", status);
        AUDIT.info(line.toString());
    }

    static boolean mayRead(Set<String> roles, String department) {
        return roles.contains(TREASURY) || roles.contains("dept-" + department + "-officer");
    }

    private static Response invalid(String field, String message) {
        return Problem.response(400, "invalid-report-request", "Invalid report request", "The field " + field + " is not valid.",
                List.of(new Problem.FieldProblem(field, message)));
    }
}
