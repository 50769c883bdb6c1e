package dev.seva.desk.api;

import dev.seva.desk.client.GraphMedia;
import dev.seva.desk.domain.ActionRefused;
import dev.seva.desk.service.AccessDenied;
import dev.seva.desk.service.NotFound;
import dev.seva.web.Problem;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
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

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        Response problem = Problem.response(401, "unauthorized", "Authentication required",
                "A bearer token from the Seva identity provider is required.");
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
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

    static boolean wantsHtml(HttpHeaders headers) {
        return headers.getAcceptableMediaTypes().stream().anyMatch(m -> m.isCompatible(MediaType.TEXT_HTML_TYPE) && !m.isWildcardType());
    }
}
