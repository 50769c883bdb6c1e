package dev.seva.gateway.api;

import dev.seva.gateway.config.GatewayConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses, before reading it, a webhook whose declared Content-Length is beyond what the HTTP layer
 * will buffer, with the same problem body as every other refusal. Bodies up to that size are read
 * and measured against the 3 MiB webhook limit in {@code WebhookIntake} (reading them lets the client
 * finish sending and see a clean 413); a chunked body beyond the HTTP limit gets the layer's bare 413.
 */
@ApplicationScoped
public class OversizedBodyGuard {

    void install(@Observes Router router, GatewayConfig config,
                 @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize httpLimit) {
        long limit = Math.max(config.maxBodyBytes(), httpLimit.asLongValue());
        router.post("/webhook").order(-100).handler(ctx -> {
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long length;
            try {
                length = declared == null ? -1 : Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length > limit) {
                JsonObject problem = new JsonObject()
                        .put("type", "https://seva.dev/problems/too-large")
                        .put("title", "Payload too large")
                        .put("status", 413)
                        .put("detail", "Webhook bodies are accepted up to " + config.maxBodyBytes() + " bytes.")
                        .put("instance", "/webhook");
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(problem.encode());
                return;
            }
            ctx.next();
        });
    }
}
