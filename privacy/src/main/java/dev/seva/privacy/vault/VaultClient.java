package dev.seva.privacy.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.consumer.WaitFor;
import dev.seva.privacy.aadhaar.AadhaarInText;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The client of vault-service, the only place Aadhaar numbers and citizens' keys live (see
 * vault-service's README for the API). Each calling service has its own bearer secret, and the vault
 * allows each only what it needs. Calls are asynchronous and never retried here: the caller's record
 * pipeline waits out {@link VaultUnavailable} and {@link VaultRefused} (both {@link WaitFor}) and dead-letters
 * nothing for them.
 *
 * <p>Futures complete on the HTTP client's threads: a caller on an event loop resumes on its own
 * context before touching its database.
 */
public final class VaultClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String bearer;
    private final HttpClient http;
    private final Duration timeout;

    public VaultClient(URI base, String clientSecret, Duration timeout) {
        this.base = URI.create(Objects.requireNonNull(base, "base").toString().replaceAll("/+$", "") + "/");
        this.bearer = "Bearer " + Objects.requireNonNull(clientSecret, "clientSecret");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Stores a number and answers its token; bound to the citizen when {@code citizenRef} is known. */
    public CompletableFuture<AadhaarInText.Token> tokenize(String aadhaarDigits, String citizenRef) {
        ObjectNode body = JSON.createObjectNode().put("number", aadhaarDigits);
        if (citizenRef != null) {
            body.put("citizenRef", citizenRef);
        }
        return send(post("v1/aadhaar", body), 201)
                .thenApply(json -> new AadhaarInText.Token(json.path("token").asText(), json.path("masked").asText()));
    }

    /**
     * Binds a token the gateway made (before the citizen was known) to the citizen, so that the
     * citizen's erasure reaches it; unbound tokens are purged by the vault after a day.
     */
    public CompletableFuture<Void> bind(String token, String citizenRef) {
        return send(post("v1/aadhaar/" + path(token) + "/binding", JSON.createObjectNode().put("citizenRef", citizenRef)), 204)
                .thenApply(ignored -> null);
    }

    /** The clear number, for an authorised purpose; the vault audits every call, who and why. */
    public CompletableFuture<String> reveal(String token, String purpose, String actor) {
        ObjectNode body = JSON.createObjectNode().put("purpose", purpose).put("actor", actor);
        return send(post("v1/aadhaar/" + path(token) + "/reveal", body), 200).thenApply(json -> json.path("number").asText());
    }

    /**
     * The citizen's data key (made on first use), for crypto-shredding: data sealed with it is gone
     * when the vault destroys it. Fails with {@link CitizenErased} once the citizen has been erased.
     */
    public CompletableFuture<CitizenKey> citizenKey(String citizenRef) {
        return send(post("v1/citizens/" + path(citizenRef) + "/key", JSON.createObjectNode()), 200)
                .thenApply(json -> new CitizenKey(citizenRef, json.path("keyId").asText(),
                        Base64.getDecoder().decode(json.path("key").asText())));
    }

    /** Erases the citizen in the vault: their key and their Aadhaar numbers are destroyed. Idempotent. */
    public CompletableFuture<Void> erase(String citizenRef) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("v1/citizens/" + path(citizenRef)))
                .timeout(timeout).header("Authorization", bearer).DELETE().build();
        return send(request, 204).thenApply(ignored -> null);
    }

    private HttpRequest post(String path, ObjectNode body) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private CompletableFuture<JsonNode> send(HttpRequest request, int expected) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                        throw new VaultUnavailable("vault-service did not answer " + request.method() + " " + request.uri().getPath() + ": " + cause, cause);
                    }
                    int status = response.statusCode();
                    if (status == expected) {
                        return parse(response.body());
                    }
                    if (status == 410) {
                        throw new CitizenErased("The citizen has been erased");
                    }
                    if (status >= 500 || status == 429) {
                        throw new VaultUnavailable("vault-service answered " + status + " to " + request.method() + " " + request.uri().getPath(), null);
                    }
                    // 400, 401, 403, 404: a mistake of the caller's, retrying will not help.
                    throw new VaultRefused(status, "vault-service refused " + request.method() + " " + request.uri().getPath() + " with " + status + ": " + response.body());
                });
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new VaultUnavailable("vault-service answered something that is not JSON", e);
        }
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }

    /**
     * The vault could not be reached or failed: transient, try again later. A consumer waits for it as for its
     * database ({@link WaitFor}): the record is not at fault.
     */
    public static final class VaultUnavailable extends RuntimeException implements WaitFor {
        public VaultUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The vault refused the call (bad request, wrong client, unknown token): retrying at once will not help.
     * A consumer still waits ({@link WaitFor}) rather than dead-letter: what a consumer asks the vault for is
     * checked by the record's contract first, so a refusal is this service's secret or rights being wrong, the
     * operator's fix, and every record would be refused alike. Callers that expect a refusal (a token that is
     * not bound) handle it themselves.
     */
    public static final class VaultRefused extends RuntimeException implements WaitFor {
        private final int status;

        public VaultRefused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The citizen was erased: their key is destroyed and nothing of theirs may be made again. */
    public static final class CitizenErased extends RuntimeException {
        public CitizenErased(String message) {
            super(message);
        }
    }
}
