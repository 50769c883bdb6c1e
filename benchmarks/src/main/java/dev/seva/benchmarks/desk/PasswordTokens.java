package dev.seva.benchmarks.desk;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Access tokens of the development realm's users through the public client {@code seva-cli} (password
 * grant, as devstack's {@code KeycloakTokens} does), cached per user: they live 5 minutes, so one is asked
 * for again only when less than a minute is left, never per request (Keycloak shares the cores with the desk).
 */
final class PasswordTokens {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");

    private record Cached(String token, long refreshAtNanos) {
    }

    private final HttpClient http;
    private final URI tokenEndpoint;
    private final String password;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    PasswordTokens(HttpClient http, String realmUrl, String password) {
        this.http = http;
        this.tokenEndpoint = URI.create(realmUrl + "/protocol/openid-connect/token");
        this.password = password;
    }

    String token(String user) {
        Cached c = cache.get(user);
        if (c != null && System.nanoTime() < c.refreshAtNanos()) {
            return c.token();
        }
        synchronized (this) {
            c = cache.get(user);
            if (c != null && System.nanoTime() < c.refreshAtNanos()) {
                return c.token();
            }
            Cached fresh = fetch(user);
            cache.put(user, fresh);
            return fresh.token();
        }
    }

    private Cached fetch(String user) {
        String form = "grant_type=password&client_id=seva-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("Keycloak refused a token for " + user + ": HTTP " + response.statusCode());
            }
            Matcher expires = EXPIRES_IN.matcher(response.body());
            long lifetime = expires.find() ? Long.parseLong(expires.group(1)) : 300;
            return new Cached(token.group(1), System.nanoTime() + Duration.ofSeconds(Math.max(10, lifetime - 60)).toNanos());
        } catch (IOException e) {
            throw new IllegalStateException("No token for " + user + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking for a token", e);
        }
    }
}
