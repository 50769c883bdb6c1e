package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.whatsapp.WebhookSigning;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import javax.crypto.spec.SecretKeySpec;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import static dev.seva.simulator.standin.GraphApiRoutes.VERSION;

/**
 * Media as the Cloud API serves it: {@code POST /{phone-number-id}/media} (multipart {@code file},
 * {@code type}, {@code messaging_product}) answers {@code {"id"}}; {@code GET /{media-id}} answers
 * {@code url, mime_type, sha256, file_size, id, messaging_product}; the URL works for 5 minutes and
 * only with the bearer token; {@code DELETE /{media-id}} answers {@code {"success":true}}.
 */
final class MediaRoutes {

    static final String DOWNLOAD_PATH = "/whatsapp_business/attachments/";
    private static final Duration URL_LIFETIME = Duration.ofMinutes(5);
    /** Meta's size limits per kind of media. */
    private static final Map<String, Long> LIMITS = Map.of("audio", 16L << 20, "application", 100L << 20, "text", 100L << 20,
            "image", 5L << 20, "video", 16L << 20);
    private static final java.util.Set<String> TYPES = java.util.Set.of("audio/aac", "audio/amr", "audio/mpeg", "audio/mp4",
            "audio/ogg", "text/plain", "application/pdf", "application/vnd.ms-powerpoint", "application/msword",
            "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "image/jpeg", "image/png", "image/webp",
            "video/3gpp", "video/mp4");

    private final GraphApiStandIn standIn;
    private final GraphApiRoutes graph;
    private final SecretKeySpec urlKey;

    MediaRoutes(GraphApiStandIn standIn, GraphApiRoutes graph) {
        this.standIn = standIn;
        this.graph = graph;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.urlKey = new SecretKeySpec(key, "HmacSHA256");
    }

    void mount(Router router, BodyHandler bodies) {
        router.postWithRegex(VERSION + "/(?<phone>[0-9]+)/media").handler(bodies).handler(this::upload);
        router.getWithRegex(VERSION + "/(?<media>[0-9]+)").handler(this::describe);
        router.deleteWithRegex(VERSION + "/(?<media>[0-9]+)").handler(this::delete);
        router.get(DOWNLOAD_PATH).handler(this::download);
    }

    private void upload(RoutingContext ctx) {
        String phoneNumberId = ctx.pathParam("phone");
        try {
            GraphApiRoutes.authorize(ctx, standIn.config());
            GraphApiRoutes.requirePhoneNumber(standIn.config(), phoneNumberId, "post");
            GraphError injected = standIn.faults().injectedError(false);
            if (injected != null) {
                throw new GraphException(injected);
            }
            String product = ctx.request().getFormAttribute("messaging_product");
            if (product == null || product.isEmpty()) {
                throw ParamCheck.missing("messaging_product");
            }
            if (!product.equals("whatsapp")) {
                throw new GraphException(GraphError.invalidParameter("Param messaging_product must be one of {WHATSAPP} - got \"" + product + "\"."));
            }
            FileUpload file = ctx.fileUploads().stream().filter(f -> f.name().equals("file")).findFirst()
                    .orElseThrow(() -> ParamCheck.missing("file"));
            String type = ctx.request().getFormAttribute("type");
            if (type == null || type.isEmpty()) {
                throw ParamCheck.missing("type");
            }
            if (!TYPES.contains(type)) {
                throw new GraphException(GraphError.of(131053, "Param file must be a file with one of the following types: "
                        + String.join(", ", TYPES.stream().sorted().toList()) + ". Received file of type '" + type + "'."));
            }
            long limit = LIMITS.getOrDefault(type.substring(0, type.indexOf('/')), 100L << 20);
            if (file.size() > limit || file.size() == 0) {
                throw new GraphException(GraphError.of(131053, "File size " + file.size() + " is outside 1.." + limit + " bytes for " + type + "."));
            }
            ctx.vertx().fileSystem().readFile(file.uploadedFileName()).onComplete(read -> {
                if (read.failed()) {
                    graph.respond(ctx, GraphApiRoutes.Answer.error(GraphError.of(131053, "The upload could not be read.")));
                    return;
                }
                MediaStore.Media media = standIn.media().put(phoneNumberId, type, file.fileName(), read.result().getBytes(), Instant.now());
                graph.respond(ctx, GraphApiRoutes.Answer.ok(JsonNodeFactory.instance.objectNode().put("id", media.id())));
            });
        } catch (GraphException e) {
            graph.respond(ctx, GraphApiRoutes.Answer.error(e.error()));
        }
    }

    private void describe(RoutingContext ctx) {
        String id = ctx.pathParam("media");
        try {
            GraphApiRoutes.authorize(ctx, standIn.config());
            MediaStore.Media media = find(id, ctx.request().getParam("phone_number_id"), "get");
            long expiry = Instant.now().plus(URL_LIFETIME).getEpochSecond();
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("messaging_product", "whatsapp");
            body.put("url", standIn.baseUrl() + DOWNLOAD_PATH + "?mid=" + id + "&ext=" + expiry + "&hash=" + signature(id, expiry));
            body.put("mime_type", media.mimeType());
            body.put("sha256", media.sha256());
            body.put("file_size", media.fileSize());
            body.put("id", id);
            graph.respond(ctx, GraphApiRoutes.Answer.ok(body));
        } catch (GraphException e) {
            graph.respond(ctx, GraphApiRoutes.Answer.error(e.error()));
        }
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("media");
        try {
            GraphApiRoutes.authorize(ctx, standIn.config());
            find(id, ctx.request().getParam("phone_number_id"), "delete");
            standIn.media().delete(id);
            graph.respond(ctx, GraphApiRoutes.Answer.ok(JsonNodeFactory.instance.objectNode().put("success", true)));
        } catch (GraphException e) {
            graph.respond(ctx, GraphApiRoutes.Answer.error(e.error()));
        }
    }

    private void download(RoutingContext ctx) {
        try {
            GraphApiRoutes.authorize(ctx, standIn.config());
        } catch (GraphException e) {
            graph.respond(ctx, GraphApiRoutes.Answer.error(e.error()));
            return;
        }
        String id = ctx.request().getParam("mid");
        String ext = ctx.request().getParam("ext");
        String hash = ctx.request().getParam("hash");
        MediaStore.Media media = id == null ? null : standIn.media().get(id).orElse(null);
        boolean valid = media != null && ext != null && ext.matches("[0-9]{1,12}") && hash != null
                && Long.parseLong(ext) > Instant.now().getEpochSecond()
                && MessageDigest.isEqual(hash.getBytes(), signature(id, Long.parseLong(ext)).getBytes());
        if (!valid) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end("URL expired or unknown");
            return;
        }
        ctx.response().setStatusCode(200).putHeader("Content-Type", media.mimeType())
                .putHeader("Content-Disposition", "attachment; filename=\"" + (media.filename() == null ? id : media.filename().replace("\"", "")) + "\"")
                .end(Buffer.buffer(media.bytes()));
    }

    private MediaStore.Media find(String id, String phoneNumberId, String method) {
        MediaStore.Media media = standIn.media().get(id).orElseThrow(() -> new GraphException(GraphError.unsupported(method, id)));
        if (phoneNumberId != null && !phoneNumberId.equals(media.phoneNumberId())) {
            throw new GraphException(GraphError.unsupported(method, id));
        }
        return media;
    }

    private String signature(String id, long expiry) {
        return HexFormat.of().formatHex(WebhookSigning.hmac(urlKey, (id + "|" + expiry).getBytes())).substring(0, 32);
    }
}
