package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.seva.contracts.EventJson;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays payment-service's Razorpay webhook endpoint: keeps each delivery's exact bytes, signature and event
 * id, answers the statuses queued (then 200), or answers one delivery only after a delay (a slow receiver).
 */
final class RazorpayReceiver implements AutoCloseable {

    /** One delivery as received. */
    record Delivery(byte[] body, String signature, String eventId, JsonNode json) {
        String event() {
            return json.path("event").asText();
        }
    }

    private final HttpServer server;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private final List<Delivery> received = new ArrayList<>();
    private final BlockingQueue<Integer> answers = new ArrayBlockingQueue<>(100);
    private volatile long delayNextMillis;

    RazorpayReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/webhooks/razorpay", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (received) {
                received.add(new Delivery(body, exchange.getRequestHeaders().getFirst("X-Razorpay-Signature"),
                        exchange.getRequestHeaders().getFirst("x-razorpay-event-id"), EventJson.mapper().readTree(body)));
            }
            long delay = delayNextMillis;
            delayNextMillis = 0;
            Integer status = answers.poll();
            if (delay > 0) {
                later.schedule(() -> answer(exchange, 200), delay, TimeUnit.MILLISECONDS);
            } else {
                answer(exchange, status == null ? 200 : status);
            }
        });
        server.start();
    }

    private static void answer(HttpExchange exchange, int status) {
        try {
            exchange.sendResponseHeaders(status, -1);
        } catch (IOException e) {
            // the sender gave up waiting: that is the point of a slow answer
        } finally {
            exchange.close();
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/razorpay");
    }

    void answerNext(int... statuses) {
        for (int status : statuses) {
            answers.add(status);
        }
    }

    /** The next delivery is answered 200 only after this long. */
    void answerNextAfter(long millis) {
        delayNextMillis = millis;
    }

    List<Delivery> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Deliveries whose payload concerns this payment (its payment entity, or a refund of it), in arrival order. */
    List<Delivery> about(String paymentId) {
        return received().stream().filter(d -> paymentId.equals(d.json().at("/payload/payment/entity/id").asText())
                || paymentId.equals(d.json().at("/payload/refund/entity/payment_id").asText())).toList();
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        later.shutdownNow();
    }
}
