package dev.seva.desk.api;

import dev.seva.desk.domain.Officer;
import dev.seva.desk.service.RequestOrigin;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/**
 * The signed-in officer of this request, from the OIDC identity: the user name ({@code preferred_username}),
 * the display name, and the realm roles (the only roles that count: application.properties maps
 * {@code realm_access/roles} and nothing else).
 */
@RequestScoped
public class CurrentOfficer {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @Inject
    HttpServerRequest request;

    public Officer get() {
        String user = identity.getPrincipal().getName();
        String name = token == null ? null : token.getClaim("name");
        return new Officer(user, name == null || name.isBlank() ? user : name, Set.copyOf(identity.getRoles()));
    }

    public RequestOrigin origin() {
        String ip = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return new RequestOrigin(ip, request.getHeader("User-Agent"));
    }
}
