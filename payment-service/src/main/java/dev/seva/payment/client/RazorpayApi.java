package dev.seva.payment.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;

import java.util.List;
import java.util.Map;

/**
 * The part of Razorpay's API this service calls (base {@code .../v1}, Basic auth with the key id and secret): payment
 * links, a payment, a refund with {@code X-Refund-Idempotency}. Shapes from the research note's §2
 * (docs/research/whatsapp-payments-and-razorpay.md). The payment entity's {@code contact} and {@code email} are not
 * read: this service never holds a citizen's phone number.
 */
@RegisterRestClient(configKey = "razorpay")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public interface RazorpayApi {

    @POST
    @Path("payment_links")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<PaymentLink> createPaymentLink(@HeaderParam("Authorization") String authorization, PaymentLinkRequest request);

    @GET
    @Path("payment_links/{id}")
    Uni<PaymentLink> paymentLink(@HeaderParam("Authorization") String authorization, @RestPath String id);

    @GET
    @Path("payments/{id}")
    Uni<Payment> payment(@HeaderParam("Authorization") String authorization, @RestPath String id);

    @POST
    @Path("payments/{id}/refund")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Refund> refund(@HeaderParam("Authorization") String authorization, @HeaderParam("X-Refund-Idempotency") String idempotencyKey,
                       @RestPath String id, RefundRequest request);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return GatewayFailures.of("Razorpay", response);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PaymentLinkRequest(long amount, String currency, boolean acceptPartial, long expireBy, String referenceId, String description,
                              Map<String, String> notes, @JsonProperty("notify") Notify notifications, boolean reminderEnable) {
    }

    record Notify(boolean sms, boolean email) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PaymentLink(String id, String shortUrl, String status, String referenceId, List<LinkPayment> payments) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LinkPayment(String paymentId, String status, Long amount, String method) {
    }

    /** The payment entity, without the payer's contact, email or VPA. {@code notes} is an object, or [] when empty. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Payment(String id, String orderId, String status, Long amount, String currency, String method, Boolean captured,
                   Long amountRefunded, String refundStatus, String errorCode, String errorDescription, String errorReason,
                   JsonNode notes, Long createdAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RefundRequest(long amount, String speed, Map<String, String> notes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Refund(String id, String paymentId, Long amount, String status, String speedProcessed) {
    }
}
