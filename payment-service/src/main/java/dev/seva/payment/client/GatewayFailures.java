package dev.seva.payment.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.consumer.InfrastructureFailures;
import dev.seva.contracts.EventJson;
import jakarta.ws.rs.core.Response;

/**
 * The REST clients' non-2xx answers as {@link GatewayUnavailable} (try again: 5xx, 429, 409, and 401/403, our own
 * credentials, which the operator must fix) or {@link GatewayRefused} (the request's fault). Razorpay's error envelope
 * {@code {"error":{"code","description","reason"}}} gives the code and description; nothing else of a body is kept.
 */
public final class GatewayFailures {

    private GatewayFailures() {
    }

    public static RuntimeException of(String gateway, Response response) {
        int status = response.getStatus();
        JsonNode error = error(response);
        String code = text(error, "code");
        if (status >= 500 || status == 429 || status == 409 || status == 401 || status == 403) {
            return new GatewayUnavailable(gateway, status, code);
        }
        String description = text(error, "description");
        String reason = text(error, "reason");
        return new GatewayRefused(gateway, status, code, reason != null && description == null ? reason : description);
    }

    /** Whether trying again later may help: the gateway unavailable, or the connection (timeout, refused, reset). */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof GatewayRefused) {
                return false;
            }
            if (t instanceof GatewayUnavailable) {
                return true;
            }
        }
        return InfrastructureFailures.isInfrastructure(failure);
    }

    private static JsonNode error(Response response) {
        try {
            String body = response.readEntity(String.class);
            if (body == null || body.isBlank()) {
                return null;
            }
            return EventJson.mapper().readTree(body).path("error");
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.path(field).isValueNode()) {
            return null;
        }
        String value = node.path(field).asText();
        return value.length() > 256 ? value.substring(0, 256) : value;
    }
}
