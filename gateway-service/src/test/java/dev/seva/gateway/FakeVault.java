package dev.seva.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.seva.privacy.aadhaar.Verhoeff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays vault-service's {@code POST /v1/aadhaar} (vault-service's README; privacy's VaultClient) over real
 * HTTP: 201 {@code {"token":"aad_…","masked":"XXXX XXXX 1234"}} only with the gateway's bearer secret and
 * a body of twelve Verhoeff-valid digits; 401 for another secret, 400 for anything else. It can be made
 * to fail (503), to hang past the gateway's timeout, to refuse the gateway (401, as with a wrong secret),
 * or to be down (nothing listening on its port).
 */
public final class FakeVault implements AutoCloseable {

    public static final String SECRET = "seva-dev-vault-gateway";

    /** How the vault behaves. */
    public enum Mode { UP, FAILING, HANGING, REFUSING, DOWN }

    /** One call as the vault saw it. */
    public record Call(String path, String authorization, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile Mode mode = Mode.UP;
    private HttpServer server;

    public FakeVault() {
        server = listen(0);
        port = server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Changes the behaviour; DOWN closes the port, any other mode opens it again (the same port). */
    public synchronized void mode(Mode next) {
        if (next == Mode.DOWN && server != null) {
            server.stop(0);
            server = null;
        } else if (next != Mode.DOWN && server == null) {
            server = listen(port);
        }
        mode = next;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The number a token stands for, as the vault stored it. */
    public String numberOf(String token) {
        return tokens.get(token);
    }

    public synchronized void reset() {
        mode(Mode.UP);
        calls.clear();
    }

    private HttpServer listen(int onPort) {
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
            created.createContext("/", this::handle);
            created.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            created.start();
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                json = null;
            }
            calls.add(new Call(exchange.getRequestURI().getPath(), authorization, json));
            switch (mode) {
                case FAILING -> {
                    answer(exchange, 503, "{\"title\":\"unavailable\"}");
                    return;
                }
                case HANGING -> {
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    answer(exchange, 503, "{}");
                    return;
                }
                default -> {
                    // answers below
                }
            }
            if (mode == Mode.REFUSING || !("Bearer " + SECRET).equals(authorization)) {
                answer(exchange, 401, "{\"title\":\"unknown client\"}");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod()) || !"/v1/aadhaar".equals(exchange.getRequestURI().getPath())) {
                answer(exchange, 404, "{}");
                return;
            }
            String number = json == null ? null : json.path("number").asText(null);
            if (number == null || !number.matches("[2-9][0-9]{11}") || !Verhoeff.isValid(number)) {
                answer(exchange, 400, "{\"title\":\"not an Aadhaar number\"}");
                return;
            }
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            String token = "aad_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            tokens.put(token, number);
            answer(exchange, 201, JSON.createObjectNode().put("token", token)
                    .put("masked", "XXXX XXXX " + number.substring(8)).toString());
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
