package dev.seva.vault.api;

import dev.seva.vault.domain.Client;
import dev.seva.vault.domain.Clients;
import dev.seva.vault.service.VaultMetrics;
import dev.seva.web.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Every API request ({@code /v1/...}; operations under {@code /q/} are not JAX-RS) carries
 * {@code Authorization: Bearer <client secret>}. Checked before the body is read: a caller without a
 * valid secret gets 401 and learns nothing else.
 */
public class ClientAuthentication {

    private static final String BEARER = "Bearer ";

    @Inject
    Clients clients;

    @Inject
    CurrentClient current;

    @Inject
    VaultMetrics metrics;

    @ServerRequestFilter
    public Response authenticate(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<Client> client = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? clients.authenticate(header.substring(BEARER.length()).trim())
                : Optional.empty();
        if (client.isEmpty()) {
            metrics.refusal("unknown");
            return Response.fromResponse(Problem.response(401, "unauthenticated", "Not authenticated",
                            header == null ? "A vault client's bearer secret is required." : "The bearer secret is not one of a vault client."))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"seva-vault\"").build();
        }
        current.set(client.get());
        return null;
    }
}
