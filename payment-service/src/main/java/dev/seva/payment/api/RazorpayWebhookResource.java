package dev.seva.payment.api;

import dev.seva.payment.domain.WebhookSignature;
import dev.seva.payment.service.RazorpayNotice;
import dev.seva.payment.service.RazorpayWebhooks;
import dev.seva.web.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestHeader;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Razorpay's webhooks. Accepted only with a valid {@code X-Razorpay-Signature} over the raw body (else 400 and nothing
 * stored), deduplicated on {@code x-razorpay-event-id}, answered 200 as soon as the event is stored: the work (a
 * look-up at Razorpay, the settlement) follows on its own, so the answer stays well within Razorpay's 5 seconds.
 * Events this service does not handle are answered 200 and ignored.
 */
@Path("/webhooks/razorpay")
@PermitAll
@Tag(name = "Webhooks", description = "Razorpay's event notifications (signed)")
public class RazorpayWebhookResource {

    private static final Logger LOG = Logger.getLogger(RazorpayWebhookResource.class);

    @Inject
    WebhookSignature signature;

    @Inject
    RazorpayWebhooks webhooks;

    @Inject
    MeterRegistry registry;

    /** seva_payment_webhooks_rejected_total: webhooks refused for a missing or wrong signature. */
    Counter rejected;

    @PostConstruct
    void meters() {
        rejected = Counter.builder("seva.payment.webhooks.rejected")
                .description("Razorpay webhooks refused: no signature, a wrong one, or an unreadable body").register(registry);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a Razorpay webhook",
            description = "Signed with X-Razorpay-Signature (hex HMAC-SHA256 of the raw body, the webhook secret); deduplicated on x-razorpay-event-id.")
    @APIResponse(responseCode = "200", description = "Accepted (or a duplicate, or an event not handled)")
    @APIResponse(responseCode = "400", description = "No signature, a wrong one, or not a Razorpay event: nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> receive(byte[] body, @RestHeader("X-Razorpay-Signature") String signatureHeader,
                                 @RestHeader("x-razorpay-event-id") String eventIdHeader) {
        if (body == null || !signature.matches(body, signatureHeader)) {
            rejected.increment();
            LOG.warnf("Razorpay webhook refused: %s signature", signatureHeader == null ? "no" : "a wrong");
            return Uni.createFrom().item(Problem.response(400, "invalid-signature", "Invalid signature",
                    "X-Razorpay-Signature is missing or does not match the body."));
        }
        RazorpayNotice notice;
        try {
            notice = RazorpayNotice.parse(body);
        } catch (RazorpayNotice.Unreadable e) {
            rejected.increment();
            return Uni.createFrom().item(Problem.response(400, "not-a-razorpay-event", "Not a Razorpay event", "The body is " + e.getMessage() + "."));
        }
        if (!notice.handled()) {
            LOG.debugf("Razorpay event %s not handled: ignored", notice.event());
            return Uni.createFrom().item(ok("ignored"));
        }
        String eventId = eventIdHeader == null || eventIdHeader.isBlank() ? "body-" + sha256(body) : eventIdHeader.strip();
        if (eventId.length() > 128) {
            return Uni.createFrom().item(Problem.response(400, "invalid-event-id", "Invalid event id", "x-razorpay-event-id is too long."));
        }
        return webhooks.accept(eventId, notice).map(fresh -> ok(fresh ? "accepted" : "duplicate"));
    }

    private static Response ok(String status) {
        return Response.ok(Map.of("status", status), MediaType.APPLICATION_JSON).build();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
