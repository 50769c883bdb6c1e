package dev.seva.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Loopback-only control of the standalone devstack for fault runs: restart the broker or PostgreSQL
 * while the platform runs. Never part of a production deployment (the devstack itself is not).
 */
final class DevstackControl {

    private DevstackControl() {
    }

    static void start(Devstack devstack, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext("/kafka/restart", exchange -> run(exchange, devstack::restartKafka));
            server.createContext("/postgres/restart", exchange -> run(exchange, devstack::restartPostgres));
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Devstack control port " + port + " is not free", e);
        }
    }

    private static void run(HttpExchange exchange, Runnable action) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, "POST only\n");
            return;
        }
        long started = System.nanoTime();
        try {
            action.run();
            answer(exchange, 200, "restarted in " + (System.nanoTime() - started) / 1_000_000 + " ms\n");
        } catch (RuntimeException e) {
            answer(exchange, 500, e.getMessage() + "\n");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
