package dev.seva.document.api;

import dev.seva.document.domain.Actor;
import dev.seva.document.domain.RevocationReason;
import dev.seva.document.persistence.DocumentRow;
import dev.seva.document.service.Revocation;
import dev.seva.document.service.Verification;
import dev.seva.web.Problem;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A department revokes a document it issued, behind OIDC bearer tokens: an officer of the issuing
 * department ({@code dept-<departmentId>-officer}) or a {@code documents-admin}. The public
 * verification page then says "revoked", with the date and the reason. Idempotent: revoking a
 * revoked document answers the original revocation.
 */
@Path("/documents")
@Authenticated
@Tag(name = "Revocation", description = "Departments revoke documents they issued (OIDC)")
@SecurityRequirement(name = "oidc")
public class RevocationResource {

    @Inject
    Revocation revocation;

    /** With proactive authentication off, the identity is resolved without blocking the event loop. */
    @Inject
    CurrentIdentityAssociation identity;

    /** The request body. */
    @Schema(name = "RevocationRequest")
    public record RevocationRequest(
            @Schema(required = true, minLength = RevocationReason.MIN_LENGTH, maxLength = RevocationReason.MAX_LENGTH,
                    description = "Why the document is revoked; shown on the public verification page, so no personal data",
                    example = "Issued on a forged income statement")
            String reason) {
    }

    /** The answer: the revocation that counts (the first one, for a repeated request). */
    @Schema(name = "Revocation")
    public record RevocationView(
            String documentId,
            @Schema(nullable = true, description = "null once the citizen's data was erased") String applicationRef,
            @Schema(enumeration = "revoked") String status,
            Instant revokedAt,
            String reason) {

        static RevocationView of(Revocation.Revoked r) {
            return new RevocationView(r.documentId(), r.applicationRef(), DocumentRow.REVOKED, r.revokedAt(), r.reason());
        }
    }

    @POST
    @Path("/{documentId}/revocation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke a document",
            description = "Role dept-<departmentId>-officer of the document's issuing department, or documents-admin. "
                    + "Idempotent: a revoked document keeps its first revocation's date and reason.")
    @APIResponse(responseCode = "200", description = "Revoked (now or before)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RevocationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body; errors[].field names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an officer of the issuing department nor a documents admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such document",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> revoke(@Parameter(description = "The document number printed on the certificate", example = "doc_3Jx0yqW9mB2kQ7rT1vZc5A")
                                @RestPath String documentId, RevocationRequest request) {
        return identity.getDeferredIdentity().chain(caller -> {
            Actor actor = new Actor(caller.getPrincipal().getName(), caller.getRoles());
            if (!actor.mayRevokeAny()) {
                return Uni.createFrom().item(forbidden("Revoking documents needs the role dept-<departmentId>-officer or documents-admin."));
            }
            Optional<String> invalid = RevocationReason.problem(request == null ? null : request.reason());
            if (invalid.isPresent()) {
                return Uni.createFrom().item(Problem.response(400, "invalid-revocation", "Invalid revocation", "The field reason is not valid.",
                        List.of(new Problem.FieldProblem("reason", invalid.get()))));
            }
            if (!Verification.DOCUMENT_ID.matcher(documentId).matches()) {
                return Uni.createFrom().item(notFound());
            }
            return revocation.revoke(documentId, RevocationReason.normalise(request.reason()), actor)
                    .map(revoked -> Response.ok(RevocationView.of(revoked), MediaType.APPLICATION_JSON).header("Cache-Control", "no-store").build())
                    .onFailure(Revocation.DocumentNotFound.class).recoverWithItem(RevocationResource::notFound)
                    .onFailure(Revocation.NotPermitted.class).recoverWithItem(e -> forbidden(e.getMessage()));
        });
    }

    private static Response notFound() {
        return Problem.response(404, "document-not-found", "No such document", "No document has this id.");
    }

    private static Response forbidden(String detail) {
        return Problem.response(403, "forbidden", "Not your department", detail);
    }
}
