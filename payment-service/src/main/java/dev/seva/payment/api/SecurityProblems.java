package dev.seva.payment.api;

import dev.seva.web.Problem;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Refusals of the OIDC-secured endpoints as problem bodies, like every other answer of the service.
 * They reach these mappers because authentication is not proactive (application.properties): a
 * request is authenticated only when its endpoint asks for it. Never echoes the token or why it failed.
 */
public class SecurityProblems {

    private static final Logger LOG = Logger.getLogger(SecurityProblems.class);

    @ServerExceptionMapper(priority = Priorities.AUTHENTICATION)
    public Response noToken(UnauthorizedException e) {
        return unauthorized("Bearer", "A bearer token from the Seva identity provider is required.");
    }

    @ServerExceptionMapper(priority = Priorities.AUTHENTICATION)
    public Response invalidToken(AuthenticationFailedException e) {
        return unauthorized("Bearer error=\"invalid_token\"", "The bearer token is not valid (expired, or not issued for this service).");
    }

    @ServerExceptionMapper(priority = Priorities.AUTHORIZATION)
    public Response forbidden(ForbiddenException e) {
        return Problem.response(403, "forbidden", "Forbidden", "The token does not grant this operation.");
    }

    /** The identity provider (Keycloak) cannot be reached to check a token: try again later, not "internal error". */
    @ServerExceptionMapper
    public Response identityProviderUnavailable(OIDCException e) {
        LOG.warnf("A bearer token could not be checked: %s", e.getMessage());
        Response problem = Problem.response(503, "identity-provider-unavailable", "Identity provider unavailable",
                "Tokens cannot be checked right now; try again later.");
        return Response.fromResponse(problem).header(HttpHeaders.RETRY_AFTER, "30").build();
    }

    private static Response unauthorized(String challenge, String detail) {
        Response problem = Problem.response(401, "unauthorized", "Authentication required", detail);
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }
}
