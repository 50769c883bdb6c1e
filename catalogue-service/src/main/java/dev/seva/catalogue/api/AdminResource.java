package dev.seva.catalogue.api;

import dev.seva.catalogue.domain.Actor;
import dev.seva.catalogue.service.CatalogueCommands;
import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.web.Problem;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import java.net.URI;

/**
 * The department admin API, behind OIDC bearer tokens: {@code catalogue-admin} may change every
 * service, {@code dept-<id>-officer} only its department's. Updates and retirement name the version
 * they were made against ({@code If-Match: "<version>"}, or {@code version} in the body), so two
 * officers never overwrite each other silently.
 */
@Path("/admin/services")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "oidc")
public class AdminResource {

    @Inject
    CatalogueCommands commands;

    @Inject
    SecurityIdentity identity;

    @POST
    @Operation(summary = "Create a service (version 1), published to catalogue.services.v1")
    public Uni<Response> create(ServiceDefinition definition) {
        requireBody(definition);
        return commands.create(definition, actor())
                .map(created -> Response.created(URI.create("/services/" + created.id())).tag(Integer.toString(created.version()))
                        .entity(created).build());
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replace a service's definition; the version read must still be current")
    public Uni<Response> update(@RestPath String id, @RestHeader("If-Match") String ifMatch, ServiceDefinition definition) {
        requireBody(definition);
        int expected = expectedVersion(ifMatch, definition.version());
        return commands.update(id, expected, definition, actor())
                .map(updated -> Response.ok(updated).tag(Integer.toString(updated.version())).build());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Retire a service: it leaves search and browse; a tombstone is published")
    public Uni<Response> retire(@RestPath String id, @RestHeader("If-Match") String ifMatch) {
        int expected = expectedVersion(ifMatch, 0);
        return commands.retire(id, expected, actor()).map(retired -> Response.noContent().build());
    }

    private Actor actor() {
        return new Actor(identity.getPrincipal().getName(), identity.getRoles());
    }

    private static void requireBody(ServiceDefinition definition) {
        if (definition == null) {
            throw new WebApplicationException(Problem.response(400, "missing-body", "Definition required",
                    "Send the service definition as JSON (the catalogue.services.v1 'service' shape)."));
        }
    }

    private static int expectedVersion(String ifMatch, int bodyVersion) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            String value = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new WebApplicationException(Problem.response(400, "invalid-if-match", "Invalid If-Match",
                        "If-Match must hold the version read, e.g. \"3\"."));
            }
        }
        if (bodyVersion > 0) {
            return bodyVersion;
        }
        throw new WebApplicationException(Problem.response(428, "version-required", "Version required",
                "Say which version you changed: If-Match: \"<version>\" (or version in the body)."));
    }
}
