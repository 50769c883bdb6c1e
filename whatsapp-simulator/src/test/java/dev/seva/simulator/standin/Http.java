package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.EventJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A small HTTP client for the stand-in's tests: JSON in, JSON out, the bearer token by default. */
final class Http {

    static final String TOKEN = "test-access-token";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: status and body (JSON when it was JSON, else a text node). */
    record Answer(int status, JsonNode json, byte[] bytes, long millis) {
    }

    private final String base;

    Http(String base) {
        this.base = base;
    }

    Answer postJson(String path, String json) {
        return postJson(path, json, TOKEN);
    }

    Answer postJson(String path, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return send(token == null ? request : request.header("Authorization", "Bearer " + token));
    }

    Answer get(String path) {
        return get(path, TOKEN);
    }

    Answer get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path)).GET();
        return send(token == null ? request : request.header("Authorization", "Bearer " + token));
    }

    Answer delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE().header("Authorization", "Bearer " + TOKEN));
    }

    /** Any call, with exactly these headers (no bearer token added): for the Razorpay stand-in. */
    Answer call(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return send(request);
    }

    /** A multipart/form-data upload as Meta's media endpoint takes it. */
    Answer upload(String path, Map<String, String> fields, String filename, String contentType, byte[] file) {
        String boundary = "----seva" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> field : fields.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                        + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (file != null) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(file);
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    /** Uploads a small PDF to the business number's media; answers the media id. */
    String uploadPdf() {
        Answer answer = upload("/v23.0/106540352242922/media", Map.of("messaging_product", "whatsapp", "type", "application/pdf"),
                "certificate.pdf", "application/pdf", "%PDF-1.7 test".getBytes(StandardCharsets.US_ASCII));
        if (answer.status() != 200) {
            throw new IllegalStateException("upload refused: " + answer.json());
        }
        return answer.json().get("id").asText();
    }

    private static Answer send(HttpRequest.Builder request) {
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            long millis = (System.nanoTime() - start) / 1_000_000;
            JsonNode json;
            try {
                json = response.body().length == 0 ? null : EventJson.mapper().readTree(response.body());
            } catch (IOException notJson) {
                json = null;
            }
            return new Answer(response.statusCode(), json, response.body(), millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
