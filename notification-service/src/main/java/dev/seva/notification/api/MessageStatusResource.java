package dev.seva.notification.api;

import dev.seva.notification.persistence.DeliveryRepository;
import dev.seva.web.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.UUID;

/** For operators: where the delivery of one outbound command stands. */
@Path("/messages")
public class MessageStatusResource {

    private final DeliveryRepository deliveries;

    public MessageStatusResource(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    @GET
    @Path("/{commandId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The delivery of a whatsapp.outbound.v1 command: state, Meta's status and message id, attempts, last error")
    @APIResponse(responseCode = "200", description = "The delivery (no message text, no address)")
    @APIResponse(responseCode = "400", description = "Not a command id (UUID)")
    @APIResponse(responseCode = "404", description = "No such command (never received, erased, or past retention)")
    public Uni<Response> get(@PathParam("commandId") String commandId) {
        UUID id;
        try {
            id = UUID.fromString(commandId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Problem.response(400, "invalid-command-id", "Not a command id",
                    "A command id is the eventId (a UUID) of a whatsapp.outbound.v1 command."));
        }
        return deliveries.findNotErased(id).map(found -> found
                .map(record -> Response.ok(DeliveryView.of(record)).build())
                .orElseGet(() -> Problem.response(404, "unknown-command", "No such command",
                        "No delivery is recorded for this command id (never received, erased on request, or past retention).")));
    }
}
