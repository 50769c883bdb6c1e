package dev.seva.notification.support;

import com.sun.net.httpserver.HttpServer;
import dev.seva.contracts.internal.DocumentFetchToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays document-service's {@code GET /internal/documents/{id}/content}: answers the PDF only with a valid
 * {@link DocumentFetchToken} for that very document, 401 otherwise, 404 for documents it does not have.
 */
public final class DocumentServiceStub implements AutoCloseable {

    public static final String SECRET = "test-document-fetch-secret";
    private static final String PREFIX = "/internal/documents/";

    private final HttpServer server;
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();

    public DocumentServiceStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(PREFIX, exchange -> {
            String path = exchange.getRequestURI().getPath();
            String id = path.substring(PREFIX.length(), path.length() - "/content".length());
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
            byte[] pdf = documents.get(id);
            if (DocumentFetchToken.verify(List.of(SECRET), token, id, Clock.systemUTC()) != DocumentFetchToken.Verdict.VALID) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
            } else if (pdf == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                fetches.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/pdf");
                exchange.sendResponseHeaders(200, pdf.length);
                exchange.getResponseBody().write(pdf);
            }
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void put(String documentId, byte[] pdf) {
        documents.put(documentId, pdf);
    }

    /** How many times the PDF was handed out. */
    public int fetches(String documentId) {
        AtomicInteger n = fetches.get(documentId);
        return n == null ? 0 : n.get();
    }

    public int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
