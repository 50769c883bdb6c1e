package dev.seva.catalogue.api;

import dev.seva.catalogue.domain.CatalogueException;
import dev.seva.web.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The catalogue's refusals as problem bodies with the right status. */
public class CatalogueProblems {

    @ServerExceptionMapper
    public Response refused(CatalogueException e) {
        if (e instanceof CatalogueException.InvalidDefinition invalid) {
            return Problem.response(400, "invalid-definition", "Invalid service definition",
                    invalid.errors().size() + " field(s) are not valid; see errors.",
                    invalid.errors().stream().map(f -> new Problem.FieldProblem(f.field(), f.message())).toList());
        }
        if (e instanceof CatalogueException.NotFound) {
            return Problem.response(404, "service-not-found", "No such service", e.getMessage());
        }
        if (e instanceof CatalogueException.UnknownDepartment) {
            return Problem.response(404, "department-not-found", "No such department", e.getMessage());
        }
        if (e instanceof CatalogueException.AlreadyExists) {
            return Problem.response(409, "service-exists", "Service exists", e.getMessage());
        }
        if (e instanceof CatalogueException.VersionConflict) {
            return Problem.response(412, "version-conflict", "Version conflict", e.getMessage());
        }
        if (e instanceof CatalogueException.NotPermitted) {
            return Problem.response(403, "forbidden", "Not your department", e.getMessage());
        }
        return Problem.response(409, "service-retired", "Service retired", e.getMessage());
    }
}
