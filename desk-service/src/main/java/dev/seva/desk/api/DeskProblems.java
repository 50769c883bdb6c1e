package dev.seva.desk.api;

import dev.seva.desk.client.GraphMedia;
import dev.seva.desk.domain.ActionRefused;
import dev.seva.desk.service.AccessDenied;
import dev.seva.desk.service.NotFound;
import dev.seva.privacy.vault.VaultClient;
import dev.seva.web.Problem;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * The desk's refusals: RFC 9457 problem bodies for the JSON API, a readable page for people (the
 * pages' own mappers are in {@link DeskPages}; a request that asked for HTML gets HTML).
 */
public class DeskProblems {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DeskProblems.class);

    @ServerExceptionMapper
    public Response refused(ActionRefused e, HttpHeaders headers) {
        int status = switch (e.kind()) {
            case CONFLICT, GONE -> 409;
            case INVALID -> 400;
        };
        if (wantsHtml(headers)) {
            return DeskPages.errorPage(status, e.message(DeskPages.language(headers)), headers);
        }
        return Problem.response(status, e.code(), status == 409 ? "Not done: the application moved on" : "The action is not valid",
                e.getMessage(), e.field() == null ? null : List.of(new Problem.FieldProblem(e.field(), e.getMessage())));
    }

    @ServerExceptionMapper
    public Response denied(AccessDenied e, HttpHeaders headers) {
        if (wantsHtml(headers)) {
            return DeskPages.errorPage(403, DeskPages.text(headers, "error.forbidden"), headers);
        }
        return Problem.response(403, "forbidden", "Forbidden", e.getMessage());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers) {
        if (wantsHtml(headers)) {
            return DeskPages.errorPage(403, DeskPages.text(headers, "error.forbidden"), headers);
        }
        return Problem.response(403, "forbidden", "Forbidden", "Your roles do not allow this.");
    }

    /**
     * A person's browser (asks for HTML, sends no bearer token) is sent to Keycloak's login page: the OIDC
     * code flow's own challenge (a redirect, with its state cookie). Mapping every 401 to a problem body
     * would leave the browser on a JSON error instead of the login page. Tools get the problem.
     */
    @ServerExceptionMapper
    public Uni<Response> unauthorized(UnauthorizedException e, HttpHeaders headers, RoutingContext context) {
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        if (authenticator != null && wantsHtml(headers) && headers.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            return authenticator.getChallenge(context).map(challenge -> {
                Response.ResponseBuilder response = Response.status(challenge.status);
                challenge.getHeaders().forEach((name, value) -> response.header(name.toString(), value));
                return response.build();
            });
        }
        Response problem = Problem.response(401, "unauthorized", "Authentication required",
                "A bearer token from the Seva identity provider is required.");
        return Uni.createFrom().item(Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
    }

    @ServerExceptionMapper
    public Response notFound(NotFound e, HttpHeaders headers) {
        if (wantsHtml(headers)) {
            return DeskPages.errorPage(404, DeskPages.text(headers, "error.not-found"), headers);
        }
        return Problem.response(404, "not-found", "Not found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response mediaUnavailable(GraphMedia.MediaUnavailable e, HttpHeaders headers) {
        if (wantsHtml(headers)) {
            return DeskPages.errorPage(502, DeskPages.text(headers, "error.media"), headers);
        }
        return Problem.response(502, "media-unavailable", "The attachment cannot be fetched now", e.getMessage());
    }

    /**
     * vault-service did not answer (or refused the desk: its secret or rights are wrong): without the
     * citizen's key nothing of theirs can be shown or written, so the officer is told to try again. The
     * read or action failed before anything was written; nothing is lost.
     */
    @ServerExceptionMapper
    public Response vaultUnavailable(VaultClient.VaultUnavailable e, HttpHeaders headers) {
        LOG.warnf("A page or API call needed a citizen's key and the vault did not answer: %s", e.getMessage());
        return vaultDown(headers);
    }

    @ServerExceptionMapper
    public Response vaultRefused(VaultClient.VaultRefused e, HttpHeaders headers) {
        return vaultDown(headers);
    }

    private static Response vaultDown(HttpHeaders headers) {
        Response response = wantsHtml(headers) ? DeskPages.errorPage(503, DeskPages.text(headers, "error.vault"), headers)
                : Problem.response(503, "vault-unavailable", "The citizens' key vault is not answering",
                        "The citizen's data cannot be opened or stored now. Nothing was changed: try again in a minute.");
        return Response.fromResponse(response).header("Retry-After", "30").build();
    }

    static boolean wantsHtml(HttpHeaders headers) {
        return headers.getAcceptableMediaTypes().stream().anyMatch(m -> m.isCompatible(MediaType.TEXT_HTML_TYPE) && !m.isWildcardType());
    }
}
