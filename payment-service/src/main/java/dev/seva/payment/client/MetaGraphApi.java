package dev.seva.payment.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;

import java.util.List;

/**
 * Meta's payment look-up (WhatsApp Payments API for India, payment gateway mode):
 * {@code GET /<version>/<PHONE_NUMBER_ID>/payments/<PAYMENT_CONFIGURATION>/<REFERENCE_ID>}, Bearer token. The shape is
 * the research note's §1.6 (docs/research/whatsapp-payments-and-razorpay.md).
 */
@RegisterRestClient(configKey = "meta-graph")
@Path("/")
public interface MetaGraphApi {

    @GET
    @Path("{version}/{phoneNumberId}/payments/{configuration}/{referenceId}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Lookup> payment(@RestPath String version, @RestPath String phoneNumberId, @RestPath String configuration,
                        @RestPath String referenceId, @HeaderParam("Authorization") String authorization);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return GatewayFailures.of("Meta", response);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Lookup(List<Payment> payments) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Payment(String referenceId, String status, Amount amount, String currency, List<Transaction> transactions, String receipt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Transaction(String id, String pgTransactionId, String type, String status, Amount amount, Method method, Error error,
                       List<Refund> refunds) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Amount(Long value, Long offset) {
        /** In paise: value × 100 / offset (offset is 100 for INR). */
        Long paise() {
            if (value == null) {
                return null;
            }
            long o = offset == null || offset <= 0 ? 100 : offset;
            return value * 100 / o;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Method(String type) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Error(String code, String reason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Refund(String id, Amount amount, String status, String speedProcessed) {
    }
}
