package dev.seva.document.api;

import dev.seva.contracts.internal.DocumentFetchToken;
import dev.seva.document.config.DocumentConfig;
import dev.seva.document.persistence.DocumentRow;
import dev.seva.document.service.StoredPdfs;
import dev.seva.web.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;

/**
 * The PDF of a document, for notification-service only: {@code Authorization: Bearer <token>} with a
 * {@link DocumentFetchToken} for exactly this document, unexpired, signed with DOCUMENT_FETCH_SECRET.
 * 401 without a valid token, 403 for a token of another document, 404 unknown, 410 erased (the column
 * cleared, or the vault destroyed the citizen's key), 409 when the stored PDF no longer opens with its
 * citizen's key or matches its SHA-256 (it is never served then), 503 while the vault does not answer
 * (the PDF is stored sealed with the citizen's key, {@link StoredPdfs}). Outside OIDC: the fetch token
 * is checked here, and never handed to the OIDC mechanism (authentication is not proactive).
 */
@Path("/internal/documents")
@PermitAll
@Tag(name = "Internal", description = "For services inside the cluster (notification-service)")
public class InternalDocumentResource {

    private static final Logger LOG = Logger.getLogger(InternalDocumentResource.class);
    private static final String BEARER = "Bearer ";

    @Inject
    DocumentConfig config;

    @Inject
    StoredPdfs pdfs;

    Clock clock = Clock.systemUTC();
    private List<String> secrets;

    @PostConstruct
    void readSecrets() {
        secrets = config.fetchSecrets();
        if (secrets.isEmpty()) {
            LOG.warn("DOCUMENT_FETCH_SECRET is not set: /internal/documents refuses every request");
        }
    }

    @GET
    @Path("/{documentId}/content")
    @Operation(summary = "The signed PDF, for a DocumentFetchToken of exactly this document")
    @APIResponse(responseCode = "200", description = "The PDF (application/pdf)")
    @APIResponse(responseCode = "401", description = "No, invalid or expired fetch token")
    @APIResponse(responseCode = "403", description = "Fetch token of another document")
    @APIResponse(responseCode = "404", description = "No such document")
    @APIResponse(responseCode = "409", description = "The stored PDF fails its integrity check (no longer opens with its citizen's key, or its SHA-256 differs)")
    @APIResponse(responseCode = "410", description = "Erased at the citizen's request")
    @APIResponse(responseCode = "503", description = "vault-service (the citizen's key) not answering: try again (Retry-After)")
    public Uni<Response> content(@PathParam("documentId") String documentId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return Uni.createFrom().item(unauthorized("A document fetch token is required."));
        }
        DocumentFetchToken.Verdict verdict = secrets.isEmpty() ? DocumentFetchToken.Verdict.BAD_SIGNATURE
                : DocumentFetchToken.verify(secrets, authorization.substring(BEARER.length()).strip(), documentId, clock);
        if (verdict == DocumentFetchToken.Verdict.WRONG_DOCUMENT) {
            LOG.warnf("Fetch of %s refused: token for another document", documentId);
            return Uni.createFrom().item(Problem.response(403, "document-fetch-forbidden", "Token does not cover this document",
                    "The token was issued for another document."));
        }
        if (verdict != DocumentFetchToken.Verdict.VALID) {
            LOG.warnf("Fetch of %s refused: %s", documentId, verdict);
            return Uni.createFrom().item(unauthorized("The document fetch token is not valid (" + verdict.name().toLowerCase(java.util.Locale.ROOT) + ")."));
        }
        return Panache.withSession(() -> DocumentRow.<DocumentRow>findById(documentId)).chain(row -> {
            if (row == null) {
                return Uni.createFrom().item(Problem.response(404, "document-not-found", "No such document", "No document has this id."));
            }
            // A vault that does not answer fails the Uni: VaultProblems answers 503 with Retry-After.
            return pdfs.read(row).map(stored -> {
                switch (stored.state()) {
                    case ERASED:
                        return Problem.response(410, "document-erased", "Document erased", "The document's PDF was erased at the citizen's request.");
                    case TAMPERED:
                        LOG.errorf("Document %s fails its integrity check: not served", documentId);
                        return Problem.response(409, "document-tampered", "Document integrity check failed",
                                "The stored PDF does not match its fingerprint.");
                    default:
                        return Response.ok(stored.pdf(), "application/pdf")
                                .header("Content-Disposition", "attachment; filename=\"" + row.fileName + "\"")
                                .header("Cache-Control", "no-store")
                                .header("ETag", "\"" + row.sha256 + "\"")
                                .build();
                }
            });
        });
    }

    private static Response unauthorized(String detail) {
        Response problem = Problem.response(401, "document-fetch-unauthorized", "Document fetch token required", detail);
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
