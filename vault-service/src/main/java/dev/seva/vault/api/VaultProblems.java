package dev.seva.vault.api;

import dev.seva.vault.domain.VaultRefusal;
import dev.seva.web.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The vault's refusals as RFC 9457 problem bodies; none repeats a number, a key or a secret. */
public class VaultProblems {

    @ServerExceptionMapper
    public Response invalid(VaultRefusal.Invalid e) {
        return Problem.response(400, "invalid-request", "The request is not valid",
                e.errors().stream().map(f -> f.field() + " " + f.message()).reduce((a, b) -> a + "; " + b).orElse("invalid") + ".",
                e.errors().stream().map(f -> new Problem.FieldProblem(f.field(), f.message())).toList());
    }

    @ServerExceptionMapper
    public Response unknown(VaultRefusal.UnknownToken e) {
        return Problem.response(404, "unknown-token", "No such Aadhaar token",
                "The vault has no record for this token (never made, or an unbound token purged after its retention).");
    }

    @ServerExceptionMapper
    public Response boundToAnother(VaultRefusal.BoundToAnother e) {
        return Problem.response(409, "bound-to-another-citizen", "Bound to another citizen",
                "The token is bound to another citizen; a token is never moved between citizens.");
    }

    @ServerExceptionMapper
    public Response erased(VaultRefusal.Erased e) {
        return Problem.response(410, "citizen-erased", "The citizen has been erased",
                "The citizen was erased: their keys and Aadhaar records are destroyed and nothing is made again for them.");
    }

    @ServerExceptionMapper
    public Response notPermitted(CurrentClient.NotPermitted e) {
        return Problem.response(403, "not-permitted", "Not permitted", e.getMessage() + ".");
    }
}
