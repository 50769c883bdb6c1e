package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.EventJson;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The simulator's own API, for tests, the chat page and operators:
 * <ul>
 *   <li>{@code GET /simulator/messages?to=<wa_id or user id>}: what the platform sent that citizen, in order, with statuses</li>
 *   <li>{@code GET /simulator/conversations/{citizen}}: both directions, and the citizen's orders (order_details sent)</li>
 *   <li>{@code POST /simulator/citizens/{citizen}/messages}: the citizen writes, taps or shares ({@link CitizenMessage})</li>
 *   <li>{@code GET|POST|DELETE /simulator/faults}: faults in force ({@link FaultSettings})</li>
 *   <li>{@code GET /simulator/requests?limit=n}: the latest Graph API calls ({@link ApiCall})</li>
 *   <li>{@code POST /simulator/reset}: forget messages, media, calls; faults back to the configured ones</li>
 *   <li>{@code GET|HEAD /simulator/media/{media-id}}: a stored file (uploaded by the business or attached by a citizen)
 *       without the bearer token, for the chat page: inline when a browser can show it safely</li>
 * </ul>
 * Errors are RFC 9457 problems.
 */
final class AdminRoutes {

    /** MIME types served inline: shown by the browser, never executed (no HTML, SVG or scripts). */
    private static final Pattern INLINE = Pattern.compile(
            "(?i)(image/(jpeg|png|webp|gif)|application/pdf|text/plain|audio/[a-z0-9.+-]+|video/[a-z0-9.+-]+)");

    /** A MIME type fit for a header (a citizen's attachment may claim anything). */
    private static final Pattern MIME_TYPE = Pattern.compile("[A-Za-z0-9!#$&^_.+-]{1,64}/[A-Za-z0-9!#$&^_.+-]{1,127}");

    private final GraphApiStandIn standIn;

    AdminRoutes(GraphApiStandIn standIn) {
        this.standIn = standIn;
    }

    void mount(Router router, BodyHandler bodies) {
        router.get("/simulator/messages").handler(this::sentTo);
        router.get("/simulator/conversations/:citizen").handler(this::conversation);
        router.post("/simulator/citizens/:citizen/messages").handler(bodies).handler(this::citizenMessage);
        router.get("/simulator/faults").handler(ctx -> json(ctx, 200, standIn.faults().current()));
        router.post("/simulator/faults").handler(bodies).handler(this::applyFaults);
        router.delete("/simulator/faults").handler(ctx -> {
            standIn.faults().reset();
            json(ctx, 200, standIn.faults().current());
        });
        router.get("/simulator/requests").handler(this::requests);
        router.route("/simulator/media/:media").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::media);
        router.post("/simulator/reset").handler(ctx -> {
            standIn.reset();
            ctx.response().setStatusCode(204).end();
        });
    }

    private void sentTo(RoutingContext ctx) {
        String to = ctx.request().getParam("to");
        if (to == null || to.isBlank()) {
            problem(ctx, 400, "missing-recipient", "Which citizen?", "Give ?to=<wa_id or business-scoped user id>.");
            return;
        }
        json(ctx, 200, Map.of("to", to, "messages", standIn.conversations().sentTo(to)));
    }

    private void conversation(RoutingContext ctx) {
        String citizen = ctx.pathParam("citizen");
        json(ctx, 200, Map.of("citizen", citizen, "messages", standIn.conversations().conversation(citizen),
                "orders", standIn.orders().summariesFor(citizen)));
    }

    private void citizenMessage(RoutingContext ctx) {
        CitizenMessage request;
        try {
            request = EventJson.mapper().readValue(ctx.body().buffer().getBytes(), CitizenMessage.class);
        } catch (IOException | RuntimeException e) {
            problem(ctx, 400, "not-json", "Body is not the JSON expected", "See CitizenMessage in the simulator's README.");
            return;
        }
        CitizenMessages.Sent sent;
        try {
            sent = standIn.citizens().send(ctx.pathParam("citizen"), request);
        } catch (IllegalArgumentException e) {
            problem(ctx, 400, "invalid-citizen-message", "Not a citizen action the simulator can send", e.getMessage());
            return;
        }
        sent.webhookStatus().onComplete(status -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("wamid", sent.message().wamid());
            body.set("message", EventJson.mapper().valueToTree(sent.message().body()));
            Integer webhookStatus = status.succeeded() ? status.result() : Integer.valueOf(0);
            if (webhookStatus != null) {
                body.put("webhookStatus", webhookStatus);
            }
            json(ctx, webhookStatus == null || (webhookStatus >= 200 && webhookStatus < 300) ? 200 : 202, body);
        });
    }

    /**
     * The bytes of a stored file with its MIME type. Types a browser shows without running anything
     * (images, PDF, plain text, audio, video) are served {@code inline}; anything else a citizen may have
     * attached through the API is served as an {@code attachment}, so that it never runs on this origin.
     */
    private void media(RoutingContext ctx) {
        String id = ctx.pathParam("media");
        MediaStore.Media media = standIn.media().get(id).orElse(null);
        if (media == null) {
            problem(ctx, 404, "unknown-media", "No such media",
                    "The simulator holds no media with id '" + id + "': never uploaded, deleted, dropped when the store was full, or forgotten by a reset.");
            return;
        }
        String type = media.mimeType() != null && MIME_TYPE.matcher(media.mimeType()).matches() ? media.mimeType() : "application/octet-stream";
        String filename = media.filename() == null || media.filename().isBlank() ? id : media.filename();
        ctx.response().setStatusCode(200)
                .putHeader("Content-Type", type)
                .putHeader("Content-Length", Integer.toString(media.fileSize()))
                .putHeader("Content-Disposition", (INLINE.matcher(type).matches() ? "inline" : "attachment") + contentDispositionFilename(filename))
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Cache-Control", "private, max-age=300");
        if (ctx.request().method() == HttpMethod.HEAD) {
            ctx.response().end();
        } else {
            ctx.response().end(io.vertx.core.buffer.Buffer.buffer(media.bytes()));
        }
    }

    /** {@code ; filename="ascii"; filename*=UTF-8''percent-encoded} (RFC 6266), safe for any name. */
    static String contentDispositionFilename(String filename) {
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0;
            encoded.append(plain ? String.valueOf((char) c) : String.format("%%%02X", c));
        }
        filename.codePoints().forEach(cp -> ascii.append(cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\' ? (char) cp : '_'));
        return "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private void applyFaults(RoutingContext ctx) {
        try {
            standIn.faults().apply(EventJson.mapper().readValue(ctx.body().buffer().getBytes(), FaultSettings.class));
        } catch (IOException | RuntimeException e) {
            problem(ctx, 400, "not-json", "Body is not the JSON expected", "See FaultSettings in the simulator's README.");
            return;
        }
        json(ctx, 200, standIn.faults().current());
    }

    private void requests(RoutingContext ctx) {
        int limit;
        try {
            limit = Integer.parseInt(ctx.request().getParam("limit", "100"));
        } catch (NumberFormatException e) {
            limit = 100;
        }
        List<ApiCall> calls = standIn.requests(Math.max(1, Math.min(limit, 10_000)));
        json(ctx, 200, Map.of("requests", calls));
    }

    static void json(RoutingContext ctx, int status, Object body) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(io.vertx.core.buffer.Buffer.buffer(EventJson.mapper().writeValueAsBytes(body)));
        } catch (IOException e) {
            ctx.fail(e);
        }
    }

    static void problem(RoutingContext ctx, int status, String type, String title, String detail) {
        ObjectNode problem = JsonNodeFactory.instance.objectNode();
        problem.put("type", "https://seva.dev/problems/" + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                    .end(io.vertx.core.buffer.Buffer.buffer(EventJson.mapper().writeValueAsBytes(problem)));
        } catch (IOException e) {
            ctx.fail(e);
        }
    }
}
