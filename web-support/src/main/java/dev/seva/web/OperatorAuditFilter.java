package dev.seva.web;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * One line in the audit log (logger {@code seva.audit}) for every authenticated request to an operator or
 * admin API: who, with which roles, what method and path, and the answer's status, refusals (403) included.
 * The paths are the service's {@code seva.audit.paths} (prefixes; default {@code /admin}). Never the body or
 * the query string: those may hold a citizen's data. deploy/ keeps these lines at least 400 days
 * (docs/security.md, "Audit log").
 */
public class OperatorAuditFilter {

    static final String LOGGER = "seva.audit";
    private static final Logger AUDIT = Logger.getLogger(LOGGER);

    @Inject
    Instance<SecurityIdentity> identity;

    @ConfigProperty(name = "seva.audit.paths", defaultValue = "/admin")
    List<String> paths;

    @ServerResponseFilter
    public void audit(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!AuditLine.audited(path, paths)) {
            return;
        }
        String subject;
        Set<String> roles;
        SecurityIdentity who = resolved();
        if (who != null) {
            subject = who.getPrincipal().getName();
            roles = who.getRoles();
        } else {
            Principal principal = principal(request);
            if (principal == null) {
                return; // not authenticated: refused before reaching anything (401), nobody to hold to account
            }
            subject = principal.getName();
            roles = Set.of();
        }
        AUDIT.info(new AuditLine(Clock.systemUTC().instant(), subject, roles, request.getMethod(), path, response.getStatus()).json());
    }

    /**
     * The request's identity, when the service has security and it is already known. With lazy
     * authentication (document-service) the endpoints audited here ask for a role, so it has been resolved
     * before they ran; a failed authentication rethrows here, and then there is nobody to name. Null also for an
     * anonymous identity. The injected identity is a proxy that resolves on first use, so {@code isAnonymous()} is asked
     * inside the try: on a request refused under lazy authentication it would otherwise try to authenticate on the
     * event loop and turn the 401 into a 500 (found by payment-service's report tests).
     */
    private SecurityIdentity resolved() {
        if (!identity.isResolvable()) {
            return null;
        }
        try {
            SecurityIdentity who = identity.get();
            return who.isAnonymous() ? null : who;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Principal principal(ContainerRequestContext request) {
        try {
            return request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
        } catch (RuntimeException e) {
            return null; // lazy authentication that cannot run here, or that failed: nobody to name
        }
    }
}
