package dev.seva.simulator.standin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * A message in the stand-in's log: one the platform sent (direction {@code outbound}: the request
 * body exactly as sent, and the delivery statuses the stand-in reported) or one a citizen sent
 * ({@code inbound}: the webhook's message object; status {@code read} once the platform marked it read).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoggedMessage(
        String wamid,
        String direction,
        String citizen,
        String phoneNumberId,
        String apiVersion,
        String type,
        JsonNode body,
        Instant at,
        String status,
        List<StatusChange> statuses,
        JsonNode error) {

    public static final String OUTBOUND = "outbound";
    public static final String INBOUND = "inbound";

    public record StatusChange(String status, Instant at) {
    }

    /** The body's {@code biz_opaque_callback_data} (Seva puts its command id there), or null. */
    public String bizOpaqueCallbackData() {
        JsonNode value = body == null ? null : body.get("biz_opaque_callback_data");
        return value == null ? null : value.asText();
    }
}
