package dev.seva.desk.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.EventJson;
import dev.seva.desk.config.DeskConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The photos and PDFs a citizen attached, from the WhatsApp Cloud API: {@code GET /<version>/<media-id>}
 * answers a short-lived download URL, which is read with the same bearer token. The desk streams the
 * bytes to the officer and keeps no copy (Meta keeps received media 7 days; a department that must
 * keep them longer stores them in its own records system).
 */
@ApplicationScoped
public class GraphMedia {

    /** A downloaded file. */
    public record Media(byte[] bytes, String mimeType) {
    }

    public static class MediaUnavailable extends RuntimeException {
        public MediaUnavailable(String message) {
            super(message, null, false, false);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    @Inject
    DeskConfig config;

    public Uni<Media> fetch(String mediaId) {
        if (!mediaId.matches("^[0-9A-Za-z_.-]{1,128}$")) {
            return Uni.createFrom().failure(new MediaUnavailable("not a media id"));
        }
        String token = config.graph().accessToken().orElse("");
        HttpRequest describe = HttpRequest.newBuilder(URI.create(config.graph().baseUrl() + "/" + config.graph().apiVersion() + "/" + mediaId))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token).GET().build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(describe, HttpResponse.BodyHandlers.ofString()))
                .chain(response -> {
                    if (response.statusCode() != 200) {
                        throw new MediaUnavailable("the Cloud API answered " + response.statusCode() + " for the media");
                    }
                    JsonNode json;
                    try {
                        json = EventJson.mapper().readTree(response.body());
                    } catch (Exception e) {
                        throw new MediaUnavailable("the Cloud API's media answer is not JSON");
                    }
                    String url = json.path("url").asText(null);
                    if (url == null) {
                        throw new MediaUnavailable("the Cloud API gave no download URL");
                    }
                    String mime = json.path("mime_type").asText("application/octet-stream");
                    HttpRequest download = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                            .header("Authorization", "Bearer " + token).GET().build();
                    return Uni.createFrom().completionStage(() -> http.sendAsync(download, HttpResponse.BodyHandlers.ofByteArray()))
                            .map(file -> {
                                if (file.statusCode() != 200) {
                                    throw new MediaUnavailable("the media download answered " + file.statusCode());
                                }
                                return new Media(file.body(), mime);
                            });
                });
    }
}
