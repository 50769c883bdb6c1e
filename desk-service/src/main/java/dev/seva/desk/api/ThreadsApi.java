package dev.seva.desk.api;

import dev.seva.desk.service.Threads;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;
import java.util.UUID;

/** Handover conversations as JSON, for tools and tests (the same service and checks as the pages). */
@Path("/api/threads")
@Authenticated
@SecurityRequirement(name = "oidc")
public class ThreadsApi {

    @Inject
    CurrentOfficer current;

    @Inject
    Threads service;

    @GET
        @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open handover conversations of the caller's department (or the help desk)")
    public Uni<List<ThreadPages.ThreadSummary>> listJson(@QueryParam("department") String department) {
        return service.open(ApplicationsApi.department(current.get(), department)).map(rows -> rows.stream().map(ThreadPages.ThreadSummary::of).toList());
    }

    @POST
    @Path("{id}/replies")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reply to the citizen in a handover conversation")
    public Uni<Response> replyJson(@PathParam("id") UUID id, ThreadPages.Reply reply) {
        return service.reply(current.get(), id, reply == null ? null : reply.text(), current.origin()).map(x -> Response.accepted().build());
    }

    @POST
    @Path("{id}/closing")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Close a handover conversation; the bot takes the citizen back")
    public Uni<Response> closeJson(@PathParam("id") UUID id) {
        return service.close(current.get(), id, current.origin()).map(x -> Response.accepted().build());
    }

}
