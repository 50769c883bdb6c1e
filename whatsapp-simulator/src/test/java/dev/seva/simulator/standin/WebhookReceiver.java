package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.seva.contracts.EventJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** Plays the gateway: receives the stand-in's webhooks, keeps body and signature, answers the statuses queued (then 200). */
final class WebhookReceiver implements AutoCloseable {

    /** One webhook as received. */
    record Received(byte[] body, String signature, JsonNode json) {
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final BlockingQueue<Integer> answers = new ArrayBlockingQueue<>(100);

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/webhook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (received) {
                received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"),
                        EventJson.mapper().readTree(body)));
            }
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhook");
    }

    /** The next webhooks are answered with these statuses. */
    void answerNext(int... statuses) {
        for (int status : statuses) {
            answers.add(status);
        }
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Webhooks carrying a status of this message, in arrival order. */
    List<JsonNode> statusesOf(String wamid) {
        List<JsonNode> statuses = new ArrayList<>();
        for (Received r : received()) {
            for (JsonNode status : r.json().at("/entry/0/changes/0/value/statuses")) {
                if (wamid.equals(status.path("id").asText())) {
                    statuses.add(status);
                }
            }
        }
        return statuses;
    }

    /** Webhooks carrying a payment status ({@code type: "payment"}) of this reference_id, in arrival order. */
    List<Received> paymentWebhooksOf(String referenceId) {
        List<Received> payments = new ArrayList<>();
        for (Received r : received()) {
            for (JsonNode status : r.json().at("/entry/0/changes/0/value/statuses")) {
                if ("payment".equals(status.path("type").asText()) && referenceId.equals(status.at("/payment/reference_id").asText())) {
                    payments.add(r);
                }
            }
        }
        return payments;
    }

    /** The payment statuses of this reference_id, in arrival order. */
    List<JsonNode> paymentStatusesOf(String referenceId) {
        return paymentWebhooksOf(referenceId).stream().map(r -> r.json().at("/entry/0/changes/0/value/statuses/0")).toList();
    }

    /** Webhooks carrying a message from this citizen. */
    List<Received> messagesFrom(String citizen) {
        List<Received> messages = new ArrayList<>();
        for (Received r : received()) {
            for (JsonNode message : r.json().at("/entry/0/changes/0/value/messages")) {
                if (citizen.equals(message.path("from").asText(null)) || citizen.equals(message.path("from_user_id").asText(null))) {
                    messages.add(r);
                }
            }
        }
        return messages;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
