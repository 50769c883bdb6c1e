package dev.seva.simulator.standin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One Graph API call the stand-in answered, accepted or refused: for tests that count attempts
 * (a burst of 429s, then the success) and for measuring a sender's rate.
 *
 * @param nanoTime   {@link System#nanoTime()} when the request arrived (for rates and latencies in the same JVM)
 * @param errorCode  Meta's error code when refused
 * @param citizen    the recipient's wa_id or user id, when the body named one
 * @param bizOpaque  the body's {@code biz_opaque_callback_data} (Seva's command id)
 * @param body       the JSON body of a {@code /messages} call, exactly as received
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiCall(Instant at, long nanoTime, String method, String path, int status, Integer errorCode, String citizen,
                      String bizOpaque, String wamid, JsonNode body) {
}
