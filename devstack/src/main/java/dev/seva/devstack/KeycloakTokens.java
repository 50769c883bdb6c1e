package dev.seva.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Tokens from the devstack's Keycloak for scripts and tests, through the development-only public client
 * {@code seva-cli} (password grant). Its access tokens carry the realm roles in {@code realm_access.roles}
 * and the audiences desk-service, catalogue-service and document-service.
 */
public final class KeycloakTokens {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeycloakTokens() {
    }

    /** Refused credentials (HTTP 401 from the token endpoint). */
    public static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String error) {
            super("Keycloak refused the password grant: HTTP " + status + " " + error);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * An access token for {@code user} with {@code password}.
     *
     * @param baseUrl Keycloak's base URL ({@code http://localhost:8180}) or the realm's URL ({@code .../realms/seva})
     * @throws Refused when Keycloak refuses the credentials
     */
    public static String password(String baseUrl, String user, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", KeycloakRealm.CLI_CLIENT);
        form.put("username", user);
        form.put("password", password);
        form.put("scope", "openid");
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl(baseUrl) + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                // Keycloak's error code only ("invalid_grant"): never the password.
                throw new Refused(response.statusCode(), answer.path("error").asText(""));
            }
            return answer.path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak's token endpoint did not answer at " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a JWT (its payload), unverified: for tests that look inside a token. */
    public static JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a JWT");
        }
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String realmUrl(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base.contains("/realms/") ? base : base + "/realms/" + KeycloakRealm.NAME;
    }
}
