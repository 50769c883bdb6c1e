package dev.seva.desk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What lives outside the desk and answers over HTTP in the test: document-service's template shape of a
 * bus pass ({@code GET /templates/bus_pass}, the real template's required keys and fields) and the
 * WhatsApp Cloud API's media endpoints (a media id, then its download), as Meta documents them.
 */
public class StandIns implements QuarkusTestResourceLifecycleManager {

    static final byte[] PHOTO = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4};
    static volatile String lastMediaAuthorization;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        server = localServer();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/templates/", exchange -> {
            String type = exchange.getRequestURI().getPath().substring("/templates/".length());
            if (!type.equals("bus_pass")) {
                send(exchange, 404, "application/problem+json", "{\"status\":404}");
                return;
            }
            send(exchange, 200, "application/json", """
                    {"type":"bus_pass","title":{"en":"Bus Pass","te":"బస్ పాస్"},"required":["applicantName","fromPlace","toPlace"],
                     "holder":"applicantName","listAllData":false,
                     "fields":[{"key":"passNumber","label":{"en":"Pass number","te":"పాస్ సంఖ్య"}},
                               {"key":"applicantName","label":{"en":"Pass holder","te":"పాస్ దారు"}},
                               {"key":"institution","label":{"en":"Institution","te":"విద్యా సంస్థ"}},
                               {"key":"fromPlace","label":{"en":"From","te":"నుండి"}},
                               {"key":"toPlace","label":{"en":"To","te":"వరకు"}}]}""");
        });
        server.createContext("/v23.0/", exchange -> {
            lastMediaAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
            String id = exchange.getRequestURI().getPath().substring("/v23.0/".length());
            send(exchange, 200, "application/json", "{\"url\":\"" + base + "/download/" + id + "\",\"mime_type\":\"image/jpeg\","
                    + "\"sha256\":\"x\",\"file_size\":8,\"id\":\"" + id + "\",\"messaging_product\":\"whatsapp\"}");
        });
        server.createContext("/download/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, PHOTO.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(PHOTO);
            }
        });
        server.start();
        return Map.of("seva.desk.document-service-url", base, "seva.desk.graph.base-url", base,
                "seva.desk.graph.access-token", "test-graph-token");
    }

    /** An HTTP server on a free local port (not started). */
    static HttpServer localServer() {
        try {
            return HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
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
