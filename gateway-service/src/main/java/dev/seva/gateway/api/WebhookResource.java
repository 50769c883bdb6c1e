package dev.seva.gateway.api;

import dev.seva.gateway.config.GatewayConfig;
import dev.seva.gateway.service.IntakeResult;
import dev.seva.gateway.service.WebhookIntake;
import dev.seva.gateway.webhook.VerificationHandshake;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.Map;

/** The WhatsApp Cloud API webhook: Meta's verification handshake and event notifications. */
@Path("/webhook")
public class WebhookResource {

    private final VerificationHandshake handshake;
    private final WebhookIntake intake;

    public WebhookResource(GatewayConfig config, WebhookIntake intake) {
        this.handshake = new VerificationHandshake(config.verifyToken());
        this.intake = intake;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Meta's subscription handshake: echoes hub.challenge when hub.verify_token matches")
    @APIResponse(responseCode = "200", description = "The challenge")
    @APIResponse(responseCode = "403", description = "Wrong mode or token")
    public Response verify(@RestQuery("hub.mode") String mode,
                           @RestQuery("hub.verify_token") String token,
                           @RestQuery("hub.challenge") String challenge) {
        return handshake.answer(mode, token, challenge)
                .map(answer -> Response.ok(answer, MediaType.TEXT_PLAIN_TYPE).build())
                .orElseGet(() -> Problem.response(403, "verification_refused", "Verification refused",
                        "hub.mode must be subscribe and hub.verify_token must match the configured token.", "/webhook"));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Meta's event notifications (messages and statuses), signed with X-Hub-Signature-256")
    @APIResponse(responseCode = "200", description = "Every message and status is stored in Kafka (messages over their sender's cap are counted as throttled and not stored)")
    @APIResponse(responseCode = "400", description = "Not JSON")
    @APIResponse(responseCode = "401", description = "Signature missing or wrong")
    @APIResponse(responseCode = "413", description = "Body over 3 MiB")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time, or vault-service could not tokenize an Aadhaar number; Meta retries")
    public Uni<Response> receive(byte[] body, @RestHeader("X-Hub-Signature-256") String signature) {
        return intake.receive(body == null ? new byte[0] : body, signature).map(WebhookResource::toResponse);
    }

    private static Response toResponse(IntakeResult result) {
        if (result instanceof IntakeResult.Accepted accepted) {
            return Response.ok(Map.of(
                    "messages", accepted.messages(),
                    "statuses", accepted.statuses(),
                    "deadLetters", accepted.deadLetters(),
                    "throttled", accepted.throttled())).build();
        }
        IntakeResult.Rejected rejected = (IntakeResult.Rejected) result;
        return Problem.response(rejected.status(), rejected.reason(), rejected.title(), rejected.detail(), "/webhook");
    }
}
