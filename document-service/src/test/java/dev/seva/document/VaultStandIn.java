package dev.seva.document;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.seva.contracts.ContractExamples;
import dev.seva.privacy.vault.CitizenKey;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * vault-service as its API is documented (privacy's VaultClient, decision 008), for document-service's tests
 * (adapted from desk-service's): {@code POST /v1/citizens/{ref}/key} answers the citizen's data key
 * ({@code {"keyId","key"}}, 32 random bytes made on first use, the same ones afterwards) or 410 once the
 * citizen is erased; {@code DELETE /v1/citizens/{ref}} erases them (204, idempotent). Every call needs a
 * client's bearer secret, and each client only its rights: document-service ({@code seva-dev-vault-document})
 * may ask for keys, not erase (403); erasing is conversation-service's ({@code seva-dev-vault-conversation}).
 * The contracts' example citizen has the examples' key (32 zero bytes, {@link ContractExamples#EXAMPLE_KEY_ID}),
 * so the sealed values of the contract's examples open as a real department's would. {@link #unavailable}
 * makes it answer 503, as a vault that is down or restarting does.
 */
public class VaultStandIn implements QuarkusTestResourceLifecycleManager {

    static final String DOCUMENT_SECRET = "seva-dev-vault-document";
    static final String CONVERSATION_SECRET = "seva-dev-vault-conversation";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, byte[]> KEYS = new ConcurrentHashMap<>();
    private static final Set<String> ERASED = ConcurrentHashMap.newKeySet();
    private static final Map<String, AtomicInteger> KEY_REQUESTS = new ConcurrentHashMap<>();
    public static volatile boolean unavailable;
    private static volatile String base;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/v1/citizens/", VaultStandIn::citizens);
        server.start();
        return Map.of("seva.document.vault.url", base);
    }

    private static void citizens(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String client = ("Bearer " + DOCUMENT_SECRET).equals(authorization) ? "document"
                : ("Bearer " + CONVERSATION_SECRET).equals(authorization) ? "conversation" : null;
        if (client == null) {
            problem(exchange, 401, "unauthorized");
            return;
        }
        String rest = exchange.getRequestURI().getRawPath().substring("/v1/citizens/".length());
        String method = exchange.getRequestMethod();
        boolean keyRequest = rest.endsWith("/key") && method.equals("POST");
        String ref = URLDecoder.decode(keyRequest ? rest.substring(0, rest.length() - "/key".length()) : rest, StandardCharsets.UTF_8);
        if (keyRequest) {
            KEY_REQUESTS.computeIfAbsent(ref, r -> new AtomicInteger()).incrementAndGet();
        }
        if (unavailable) {
            problem(exchange, 503, "unavailable");
            return;
        }
        if (keyRequest) {
            if (ERASED.contains(ref)) {
                problem(exchange, 410, "citizen-erased");
                return;
            }
            send(exchange, 200, "application/json", "{\"keyId\":\"" + keyId(ref) + "\",\"key\":\""
                    + Base64.getEncoder().encodeToString(keyBytes(ref)) + "\"}");
        } else if (!rest.contains("/") && method.equals("DELETE")) {
            if (!client.equals("conversation")) {
                problem(exchange, 403, "forbidden");
                return;
            }
            ERASED.add(ref);
            KEYS.remove(ref);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        } else {
            problem(exchange, 404, "not-found");
        }
    }

    /** Erases the citizen in the vault, as conversation-service does on a citizen's request. */
    static void erase(String citizenRef) throws IOException, InterruptedException {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/v1/citizens/" + citizenRef))
                .header("Authorization", "Bearer " + CONVERSATION_SECRET).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("the vault stand-in answered " + response.statusCode());
        }
    }

    /**
     * The citizen's key as the stand-in hands it out (the same bytes and key id), for a test to seal what a
     * department sends. For a citizen already erased: a key nobody holds any more.
     */
    static CitizenKey citizenKey(String citizenRef) {
        if (ERASED.contains(citizenRef)) {
            byte[] gone = new byte[32];
            RANDOM.nextBytes(gone);
            return new CitizenKey(citizenRef, keyId(citizenRef), gone);
        }
        return new CitizenKey(citizenRef, keyId(citizenRef), keyBytes(citizenRef));
    }

    /** 32 random bytes made on first use, the same ones afterwards; the examples' zero key for the examples' citizen. */
    private static byte[] keyBytes(String citizenRef) {
        return KEYS.computeIfAbsent(citizenRef, r -> {
            byte[] k = new byte[32];
            if (!r.equals(ContractExamples.EXAMPLE_CITIZEN_REF)) {
                RANDOM.nextBytes(k);
            }
            return k;
        });
    }

    private static String keyId(String citizenRef) {
        return citizenRef.equals(ContractExamples.EXAMPLE_CITIZEN_REF) ? ContractExamples.EXAMPLE_KEY_ID : "ck-" + Integer.toHexString(citizenRef.hashCode());
    }

    /** How many times the citizen's key was asked for (answered or not). */
    static int keyRequests(String citizenRef) {
        AtomicInteger n = KEY_REQUESTS.get(citizenRef);
        return n == null ? 0 : n.get();
    }

    private static void problem(HttpExchange exchange, int status, String type) throws IOException {
        send(exchange, status, "application/problem+json", "{\"type\":\"https://seva.example/problems/" + type + "\",\"status\":" + status + "}");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
