package dev.seva.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.seva.privacy.aadhaar.AadhaarInText;
import dev.seva.privacy.aadhaar.Verhoeff;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * vault-service as its README documents the API, in the test JVM (the real one is another module and
 * process, not available to this module's tests): bearer secret per client, {@code POST /v1/aadhaar} 201,
 * {@code POST /v1/aadhaar/{token}/binding} 204 (404 unknown, 409 another citizen's, 410 erased),
 * {@code POST /v1/citizens/{ref}/key} 200 (410 once erased), {@code DELETE /v1/citizens/{ref}} 204
 * (idempotent). Problems as {@code application/problem+json}. Tests can erase a key behind this service's
 * back, count key requests, tokenize as the gateway does, and make it unavailable (503).
 */
final class FakeVault {

    static final String SECRET = "seva-dev-vault-conversation";
    private static final Pattern TOKEN = Pattern.compile("^aad_[A-Za-z0-9]{32}$");
    private static final Pattern REF = Pattern.compile("^cit_[A-Za-z0-9]{16,64}$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static FakeVault instance;

    record Entry(String digits, String citizenRef) {
    }

    private final HttpServer server;
    final Map<String, Entry> tokens = new ConcurrentHashMap<>();
    final Map<String, byte[]> keys = new ConcurrentHashMap<>();
    final Set<String> erased = ConcurrentHashMap.newKeySet();
    final Map<String, AtomicInteger> keyRequests = new ConcurrentHashMap<>();
    volatile boolean unavailable;

    static synchronized FakeVault instance() {
        if (instance == null) {
            instance = new FakeVault();
        }
        return instance;
    }

    private FakeVault() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What the gateway does before Kafka: a token for the number, bound to nobody yet; answers the text form. */
    String gatewayForm(String digits) {
        String token = newToken();
        tokens.put(token, new Entry(digits, null));
        return "[Aadhaar " + AadhaarInText.masked(digits) + ", " + token + "]";
    }

    /** The citizen's key destroyed behind the service's back (as vault-service does on citizen.erasure.v1). */
    void eraseBehindTheServicesBack(String citizenRef) {
        erase(citizenRef);
    }

    /** The citizen's key as the service got it, for a test to open what was sealed with it. */
    dev.seva.privacy.vault.CitizenKey keyOf(String citizenRef) {
        byte[] key = keys.get(citizenRef);
        if (key == null) {
            throw new IllegalStateException("No key was made for " + citizenRef);
        }
        return new dev.seva.privacy.vault.CitizenKey(citizenRef, "key-" + Integer.toHexString(citizenRef.hashCode()), key);
    }

    int keyRequests(String citizenRef) {
        AtomicInteger n = keyRequests.get(citizenRef);
        return n == null ? 0 : n.get();
    }

    long tokensOf(String citizenRef) {
        return tokens.values().stream().filter(e -> citizenRef.equals(e.citizenRef())).count();
    }

    private void erase(String citizenRef) {
        erased.add(citizenRef);
        keys.remove(citizenRef);
        tokens.values().removeIf(e -> citizenRef.equals(e.citizenRef()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (unavailable) {
                problem(exchange, 503, "vault-service is unavailable");
                return;
            }
            if (!("Bearer " + SECRET).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                problem(exchange, 401, "unknown client");
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            JsonNode body = "POST".equals(method) ? JSON.readTree(exchange.getRequestBody().readAllBytes()) : null;
            Matcher m;
            if ("POST".equals(method) && path.equals("/v1/aadhaar")) {
                tokenize(exchange, body);
            } else if ("POST".equals(method) && (m = Pattern.compile("^/v1/aadhaar/([^/]+)/binding$").matcher(path)).matches()) {
                bind(exchange, decode(m.group(1)), body.path("citizenRef").asText(null));
            } else if ("POST".equals(method) && (m = Pattern.compile("^/v1/citizens/([^/]+)/key$").matcher(path)).matches()) {
                key(exchange, decode(m.group(1)));
            } else if ("DELETE".equals(method) && (m = Pattern.compile("^/v1/citizens/([^/]+)$").matcher(path)).matches()) {
                String ref = decode(m.group(1));
                if (!REF.matcher(ref).matches()) {
                    problem(exchange, 400, "not a citizen reference");
                    return;
                }
                erase(ref);
                exchange.sendResponseHeaders(204, -1);
            } else {
                problem(exchange, 404, "no such resource");
            }
        }
    }

    private void tokenize(HttpExchange exchange, JsonNode body) throws IOException {
        String number = body.path("number").asText("");
        String ref = body.path("citizenRef").asText(null);
        if (!number.matches("^[2-9][0-9]{11}$") || !Verhoeff.isValid(number) || ref != null && !REF.matcher(ref).matches()) {
            problem(exchange, 400, "not a valid Aadhaar number or citizen reference");
            return;
        }
        if (ref != null && erased.contains(ref)) {
            problem(exchange, 410, "the citizen has been erased");
            return;
        }
        String token = newToken();
        tokens.put(token, new Entry(number, ref));
        json(exchange, 201, JSON.createObjectNode().put("token", token).put("masked", AadhaarInText.masked(number)).toString());
    }

    private void bind(HttpExchange exchange, String token, String ref) throws IOException {
        if (!TOKEN.matcher(token).matches() || ref == null || !REF.matcher(ref).matches()) {
            problem(exchange, 400, "not a token or citizen reference");
            return;
        }
        if (erased.contains(ref)) {
            problem(exchange, 410, "the citizen has been erased");
            return;
        }
        Entry entry = tokens.get(token);
        if (entry == null) {
            problem(exchange, 404, "no such Aadhaar token");
            return;
        }
        if (entry.citizenRef() != null && !entry.citizenRef().equals(ref)) {
            problem(exchange, 409, "the token is bound to another citizen");
            return;
        }
        tokens.put(token, new Entry(entry.digits(), ref));
        exchange.sendResponseHeaders(204, -1);
    }

    private void key(HttpExchange exchange, String ref) throws IOException {
        if (!REF.matcher(ref).matches()) {
            problem(exchange, 400, "not a citizen reference");
            return;
        }
        keyRequests.computeIfAbsent(ref, r -> new AtomicInteger()).incrementAndGet();
        if (erased.contains(ref)) {
            problem(exchange, 410, "the citizen has been erased");
            return;
        }
        byte[] key = keys.computeIfAbsent(ref, r -> {
            byte[] k = new byte[32];
            RANDOM.nextBytes(k);
            return k;
        });
        json(exchange, 200, JSON.createObjectNode().put("keyId", "key-" + Integer.toHexString(ref.hashCode()))
                .put("key", Base64.getEncoder().encodeToString(key)).toString());
    }

    private static String newToken() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder out = new StringBuilder("aad_");
        for (int i = 0; i < 32; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        byte[] body = JSON.createObjectNode().put("status", status).put("title", detail).toString().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
