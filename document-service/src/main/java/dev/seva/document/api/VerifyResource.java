package dev.seva.document.api;

import dev.seva.document.domain.VerificationStatus;
import dev.seva.document.service.Verification;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The public verification page, opened from a certificate's QR code: HTML for people, JSON for
 * programs ({@code Accept: application/json}). 200 for a known document (valid, revoked or tampered:
 * the body says which), 404 for an unknown or malformed id. Never cached, never indexed
 * ({@code X-Robots-Tag}), no personal data unmasked. The key fields only with the verification code
 * printed on the paper: {@code ?code=} or the page's form (POST, so the code stays out of addresses and logs).
 * Public: no authentication, whatever Authorization header a client sends.
 */
@Path("/verify")
@PermitAll
@Tag(name = "Verification", description = "The public verification page a certificate's QR code opens")
public class VerifyResource {

    @Inject
    Verification verification;

    @GET
    @Path("/{documentId}")
    @Produces({MediaType.TEXT_HTML + ";charset=utf-8", MediaType.APPLICATION_JSON})
    @Operation(summary = "Is this document authentic?",
            description = "HTML page, or JSON with Accept: application/json: valid, revoked (with date and reason), tampered or unknown; "
                    + "the key fields and the application reference only with the verification code printed on the certificate (code=XXXX-XXXX).")
    @APIResponse(responseCode = "200", description = "A known document (valid, revoked or tampered)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VerificationView.class)))
    @APIResponse(responseCode = "404", description = "Unknown or malformed document number (the body says unknown)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VerificationView.class)))
    public Uni<Response> verify(@PathParam("documentId") String documentId, @QueryParam("code") String code, HttpHeaders headers) {
        return answer(documentId, code, headers);
    }

    /** The page's form: the same answer, the code in the body. */
    @POST
    @Path("/{documentId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({MediaType.TEXT_HTML + ";charset=utf-8", MediaType.APPLICATION_JSON})
    @Operation(summary = "Is this document authentic? (with its verification code)",
            description = "As GET, with the verification code in a form body (code=XXXX-XXXX).")
    @APIResponse(responseCode = "200", description = "A known document (valid, revoked or tampered)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VerificationView.class)))
    @APIResponse(responseCode = "404", description = "Unknown or malformed document number (the body says unknown)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VerificationView.class)))
    public Uni<Response> verifyWithCode(@PathParam("documentId") String documentId, @FormParam("code") String code, HttpHeaders headers) {
        return answer(documentId, code, headers);
    }

    private Uni<Response> answer(String documentId, String code, HttpHeaders headers) {
        boolean json = prefersJson(headers);
        return verification.verify(documentId, code).map(result -> {
            Response.ResponseBuilder response = Response.status(result.status() == VerificationStatus.UNKNOWN ? 404 : 200)
                    .header("X-Robots-Tag", "noindex, nofollow")
                    .header("Cache-Control", "no-store")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer");
            if (json) {
                return response.type(MediaType.APPLICATION_JSON).entity(VerificationView.of(result)).build();
            }
            return response.type(MediaType.TEXT_HTML + ";charset=utf-8")
                    .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
                    .entity(VerificationPage.html(result)).build();
        });
    }

    /** JSON when the client asks for it before (or instead of) HTML; browsers get the page. */
    private static boolean prefersJson(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isWildcardType()) {
                return false;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return true;
            }
            if (type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
                return false;
            }
        }
        return false;
    }
}
