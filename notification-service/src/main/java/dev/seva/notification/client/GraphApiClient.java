package dev.seva.notification.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.EventJson;
import dev.seva.notification.config.NotificationConfig;
import dev.seva.notification.domain.Failure;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.multipart.MultipartForm;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Meta's Graph API: {@code POST /{version}/{phone-number-id}/messages}, {@code POST /{version}/{phone-number-id}/media},
 * {@code DELETE /{version}/{media-id}}, with the bearer token. Never throws for Meta's refusals: they
 * come back as {@link Failure}s, classified.
 */
@ApplicationScoped
public class GraphApiClient {

    private final WebClient client;
    private final String base;
    private final String authorization;
    private final long timeoutMillis;

    public GraphApiClient(Vertx vertx, NotificationConfig config) {
        NotificationConfig.Graph graph = config.graph();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setMaxPoolSize(graph.maxConnections())
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, graph.timeout().toMillis()))
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setUserAgent("seva-notification-service"));
        this.base = graph.baseUrl().toString().replaceAll("/+$", "") + "/" + graph.apiVersion();
        this.authorization = "Bearer " + graph.accessToken();
        this.timeoutMillis = graph.timeout().toMillis();
    }

    /** Sends a message (or a mark-as-read) body. */
    public Uni<GraphOutcome> send(String phoneNumberId, ObjectNode body) {
        byte[] json;
        try {
            json = EventJson.mapper().writeValueAsBytes(body);
        } catch (IOException e) {
            return Uni.createFrom().item(new GraphOutcome.Refused(Failure.internal("unwritable-body", e.getClass().getSimpleName())));
        }
        return client.postAbs(base + "/" + phoneNumberId + "/messages")
                .putHeader("Authorization", authorization)
                .putHeader("Content-Type", "application/json")
                .timeout(timeoutMillis)
                .sendBuffer(Buffer.buffer(json))
                .map(GraphApiClient::outcome)
                .onFailure().recoverWithItem(e -> new GraphOutcome.Refused(Failure.network(describe(e))));
    }

    /** Uploads a file; answers Meta's media id, or fails with a {@link FailureException}. */
    public Uni<String> upload(String phoneNumberId, byte[] file, String mimeType, String filename) {
        MultipartForm form = MultipartForm.create()
                .attribute("messaging_product", "whatsapp")
                .attribute("type", mimeType)
                .binaryFileUpload("file", filename, Buffer.buffer(file), mimeType);
        return client.postAbs(base + "/" + phoneNumberId + "/media")
                .putHeader("Authorization", authorization)
                .timeout(timeoutMillis)
                .sendMultipartForm(form)
                .onFailure().transform(e -> new FailureException(Failure.network(describe(e))))
                .map(response -> {
                    JsonNode json = json(response);
                    if (response.statusCode() == 200 && json.hasNonNull("id")) {
                        return json.get("id").asText();
                    }
                    throw new FailureException(failure(response.statusCode(), json));
                });
    }

    /** Deletes uploaded media (erasure); true when Meta confirmed or no longer knows it. */
    public Uni<Boolean> deleteMedia(String mediaId) {
        return client.deleteAbs(base + "/" + mediaId)
                .putHeader("Authorization", authorization)
                .timeout(timeoutMillis)
                .send()
                .map(response -> response.statusCode() == 200 || json(response).at("/error/error_subcode").asInt() == 33)
                .onFailure().recoverWithItem(false);
    }

    @PreDestroy
    void close() {
        client.close();
    }

    private static GraphOutcome outcome(HttpResponse<Buffer> response) {
        JsonNode json = json(response);
        if (response.statusCode() == 200) {
            JsonNode id = json.at("/messages/0/id");
            if (id.isTextual()) {
                return new GraphOutcome.Accepted(id.asText());
            }
            if (json.path("success").asBoolean(false)) {
                return new GraphOutcome.Accepted(null);
            }
        }
        return new GraphOutcome.Refused(failure(response.statusCode(), json));
    }

    private static Failure failure(int status, JsonNode json) {
        JsonNode error = json.path("error");
        Integer code = error.path("code").canConvertToInt() ? error.get("code").asInt() : null;
        String message = error.path("message").asText("HTTP " + status);
        String title = message.startsWith("(#") && message.indexOf(") ") > 0 ? message.substring(message.indexOf(") ") + 2) : message;
        String details = error.at("/error_data/details").asText(null);
        return Failure.graph(status, code, truncate(title), truncate(details));
    }

    private static JsonNode json(HttpResponse<Buffer> response) {
        try {
            Buffer body = response.body();
            return body == null || body.length() == 0 ? EventJson.mapper().createObjectNode() : EventJson.mapper().readTree(body.getBytes());
        } catch (IOException e) {
            return EventJson.mapper().createObjectNode();
        }
    }

    private static String describe(Throwable e) {
        return e instanceof TimeoutException || (e.getMessage() != null && e.getMessage().contains("timeout")) ? "timeout"
                : "connection failed: " + e.getClass().getSimpleName();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }
}
