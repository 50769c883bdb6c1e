package dev.seva.notification.client;

import dev.seva.contracts.internal.DocumentFetchToken;
import dev.seva.notification.config.NotificationConfig;
import dev.seva.notification.domain.Failure;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Fetches a document's PDF from document-service: {@code GET {DOCUMENT_SERVICE_URL}/internal/documents/{id}/content}
 * with {@code Authorization: Bearer <DocumentFetchToken>} (short-lived, names the one document, HMAC
 * with DOCUMENT_FETCH_SECRET).
 */
@ApplicationScoped
public class DocumentServiceClient {

    /** The PDF and the type document-service says it is. */
    public record Content(byte[] bytes, String mimeType) {
    }

    private final WebClient client;
    private final NotificationConfig.Documents config;
    private final String base;
    private final String secret;
    private final Clock clock = Clock.systemUTC();

    public DocumentServiceClient(Vertx vertx, NotificationConfig config) {
        this.config = config.documents();
        this.client = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(32).setKeepAlive(true)
                .setConnectTimeout((int) this.config.timeout().toMillis()).setUserAgent("seva-notification-service"));
        this.base = this.config.baseUrl().toString().replaceAll("/+$", "");
        // DOCUMENT_FETCH_SECRET may list several (current first, for rotation): tokens are signed with the current one.
        this.secret = this.config.fetchSecret().split(",")[0].strip();
    }

    /** The document's bytes, or a {@link FailureException}: 404/410/401/403 are final, the rest is retried. */
    public Uni<Content> fetch(String documentId) {
        String token = DocumentFetchToken.issue(secret, documentId, config.tokenLifetime(), clock);
        return client.getAbs(base + "/internal/documents/" + URLEncoder.encode(documentId, StandardCharsets.UTF_8) + "/content")
                .putHeader("Authorization", "Bearer " + token)
                .putHeader("Accept", "application/pdf")
                .timeout(config.timeout().toMillis())
                .send()
                .onFailure().transform(e -> new FailureException(Failure.network("document-service: " + e.getClass().getSimpleName())))
                .map(response -> {
                    if (response.statusCode() != 200 || response.body() == null || response.body().length() == 0) {
                        throw new FailureException(Failure.document(response.statusCode() == 200 ? 502 : response.statusCode()));
                    }
                    String type = response.getHeader("Content-Type");
                    return new Content(response.body().getBytes(), type == null ? "application/pdf" : type.split(";")[0].trim());
                });
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
