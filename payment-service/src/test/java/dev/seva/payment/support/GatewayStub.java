package dev.seva.payment.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.seva.contracts.EventJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Meta's payment look-up and the part of Razorpay's API payment-service calls, shaped as documented
 * (docs/research/whatsapp-payments-and-razorpay.md §1.6, §2), on one local port (the JDK's HTTP server):
 * <ul>
 *   <li>{@code GET /v23.0/{phone}/payments/{configuration}/{ref}} (Bearer token): {@code pending} without transactions
 *       until a test adds some ({@link #metaTransaction});</li>
 *   <li>{@code /razorpay/v1} (Basic auth): {@code POST payment_links} (reference_id unique), {@code GET payment_links/{id}},
 *       {@code GET payments/{id}} (what a test put there), {@code POST payments/{id}/refund} with {@code X-Refund-Idempotency}
 *       (the same key replays the same refund; {@link #failNextRefunds} answers 500 first, {@link #refuseRefunds} 400).</li>
 * </ul>
 * Errors in each API's own envelope. Every request is recorded for the tests.
 */
public class GatewayStub {

    public static final String ACCESS_TOKEN = "seva-dev-access-token";
    public static final String RAZORPAY_AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("rzp_test_seva:seva-dev-razorpay-key-secret".getBytes(StandardCharsets.UTF_8));
    private static final Pattern LOOKUP = Pattern.compile("^/(v[0-9.]+)/([0-9]+)/payments/([^/]+)/([^/]+)$");
    private static final Pattern VALID_KEY = Pattern.compile("^[A-Za-z0-9_-]{10,}$");

    /** One request as received. */
    public record Call(String method, String path, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return EventJson.mapper().readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, List<ObjectNode>> metaTransactions = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> payments = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> links = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> refundsByKey = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(1000);
    private final AtomicInteger refundFailures = new AtomicInteger();
    private volatile boolean refuseRefunds;

    GatewayStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    // --- what the tests set --------------------------------------------------------------------

    /** Adds a transaction to Meta's look-up of {@code orderId} (status success/failed/pending). */
    public void metaTransaction(String orderId, String gatewayOrderId, String paymentId, String status, long paise, String errorCode, String errorReason) {
        ObjectNode t = EventJson.mapper().createObjectNode();
        t.put("id", gatewayOrderId);
        if (paymentId != null) {
            t.put("pg_transaction_id", paymentId);
        }
        t.put("type", "razorpay").put("status", status).put("created_timestamp", 1772129215).put("updated_timestamp", 1772129215);
        t.putObject("amount").put("offset", 100).put("value", paise);
        t.putObject("order_amount").put("offset", 100).put("value", paise);
        t.put("currency", "INR");
        if (!"failed".equals(status)) {
            t.putObject("method").put("type", "upi");
        } else {
            t.putObject("error").put("code", errorCode).put("reason", errorReason);
        }
        metaTransactions.computeIfAbsent(orderId, k -> new CopyOnWriteArrayList<>()).add(t);
    }

    /** A payment at Razorpay ({@code GET /payments/{id}}), as its payment entity (with a payer contact, as Razorpay's has). */
    public void razorpayPayment(String paymentId, String gatewayOrderId, String status, long paise, String notedOrderId) {
        ObjectNode p = EventJson.mapper().createObjectNode();
        p.put("id", paymentId).put("entity", "payment").put("amount", paise).put("currency", "INR").put("status", status);
        p.put("order_id", gatewayOrderId).put("method", "upi").put("amount_refunded", 0).putNull("refund_status");
        p.put("captured", "captured".equals(status)).put("email", "void@razorpay.com").put("contact", "+919876543210");
        if (notedOrderId != null) {
            p.putObject("notes").put("seva_order_id", notedOrderId);
        } else {
            p.putArray("notes");
        }
        p.put("created_at", 1772129215);
        payments.put(paymentId, p);
    }

    /** Marks a Razorpay payment fully refunded (what a later look-up of a processed refund shows). */
    public void refundedAtRazorpay(String paymentId) {
        ObjectNode p = payments.get(paymentId);
        p.put("status", "refunded").put("refund_status", "full").put("amount_refunded", p.path("amount").asLong());
    }

    /** A payment made through a payment link (it then appears in the link's {@code payments}). */
    public void linkPayment(String linkId, String paymentId) {
        ObjectNode link = links.get(linkId);
        ArrayNode list = link.path("payments").isArray() ? (ArrayNode) link.get("payments") : link.putArray("payments");
        list.addObject().put("payment_id", paymentId).put("status", "captured").put("plink_id", linkId);
        link.put("status", "paid");
    }

    public void failNextRefunds(int times) {
        refundFailures.set(times);
    }

    public void refuseRefunds(boolean refuse) {
        refuseRefunds = refuse;
    }

    public List<Call> calls(String method, String pathPart) {
        List<Call> found = new ArrayList<>();
        for (Call c : calls) {
            if (c.method().equals(method) && c.path().contains(pathPart)) {
                found.add(c);
            }
        }
        return found;
    }

    public ObjectNode linkFor(String orderId) {
        return links.values().stream().filter(l -> orderId.equals(l.path("reference_id").asText())).findFirst().orElse(null);
    }

    // --- the APIs ------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = exchange.getRequestURI().getPath();
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
        calls.add(new Call(exchange.getRequestMethod(), path, headers, body));
        try {
            if (path.startsWith("/razorpay/v1/")) {
                razorpay(exchange, exchange.getRequestMethod(), path.substring("/razorpay/v1/".length()), headers, body);
            } else {
                meta(exchange, path, headers);
            }
        } catch (RuntimeException e) {
            send(exchange, 500, "{\"error\":{\"code\":\"SERVER_ERROR\",\"description\":\"stub: " + e.getClass().getSimpleName() + "\"}}");
        }
    }

    private void meta(HttpExchange exchange, String path, Map<String, String> headers) throws IOException {
        Matcher m = LOOKUP.matcher(path);
        if (!m.matches() || !exchange.getRequestMethod().equals("GET")) {
            send(exchange, 404, "{\"error\":{\"message\":\"Unknown path components\",\"type\":\"OAuthException\",\"code\":2500}}");
            return;
        }
        if (!("Bearer " + ACCESS_TOKEN).equals(headers.get("authorization"))) {
            send(exchange, 401, "{\"error\":{\"message\":\"Invalid OAuth access token.\",\"type\":\"OAuthException\",\"code\":190}}");
            return;
        }
        String ref = m.group(4);
        List<ObjectNode> transactions = metaTransactions.getOrDefault(ref, List.of());
        ObjectNode answer = EventJson.mapper().createObjectNode();
        ObjectNode payment = answer.putArray("payments").addObject();
        boolean captured = transactions.stream().anyMatch(t -> "success".equals(t.path("status").asText()));
        payment.put("reference_id", ref).put("status", captured ? "captured" : "pending").put("currency", "INR");
        if (!transactions.isEmpty()) {
            payment.set("amount", transactions.get(0).path("amount").deepCopy());
            ArrayNode list = payment.putArray("transactions");
            transactions.forEach(list::add);
        }
        send(exchange, 200, answer.toString());
    }

    private void razorpay(HttpExchange exchange, String method, String path, Map<String, String> headers, String body) throws IOException {
        if (!RAZORPAY_AUTH.equals(headers.get("authorization"))) {
            send(exchange, 401, error("BAD_REQUEST_ERROR", "Authentication failed"));
            return;
        }
        String[] parts = path.split("/");
        if (method.equals("POST") && path.equals("payment_links")) {
            JsonNode request = EventJson.mapper().readTree(body);
            String ref = request.path("reference_id").asText();
            if (linkFor(ref) != null) {
                send(exchange, 400, error("BAD_REQUEST_ERROR", "payment link creation with reference ID " + ref + " already attempted"));
                return;
            }
            ObjectNode link = ((ObjectNode) request).deepCopy();
            String id = "plink_Stub" + ids.incrementAndGet();
            link.put("id", id).put("short_url", "https://rzp.io/i/" + id.substring(6)).put("status", "created").putNull("payments");
            links.put(id, link);
            send(exchange, 200, link.toString());
        } else if (method.equals("GET") && parts.length == 2 && parts[0].equals("payment_links") && links.containsKey(parts[1])) {
            send(exchange, 200, links.get(parts[1]).toString());
        } else if (method.equals("GET") && parts.length == 2 && parts[0].equals("payments") && payments.containsKey(parts[1])) {
            send(exchange, 200, payments.get(parts[1]).toString());
        } else if (method.equals("POST") && parts.length == 3 && parts[0].equals("payments") && parts[2].equals("refund")) {
            refund(exchange, parts[1], headers.get("x-refund-idempotency"), body);
        } else {
            send(exchange, 400, error("BAD_REQUEST_ERROR", "The id provided does not exist"));
        }
    }

    private void refund(HttpExchange exchange, String paymentId, String key, String body) throws IOException {
        if (key == null || !VALID_KEY.matcher(key).matches()) {
            send(exchange, 400, error("BAD_REQUEST_ERROR", "X-Refund-Idempotency is invalid"));
            return;
        }
        if (refundFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            send(exchange, 500, error("SERVER_ERROR", "We are facing some trouble completing your request at the moment."));
            return;
        }
        if (refuseRefunds) {
            send(exchange, 400, error("BAD_REQUEST_ERROR", "The payment has been fully refunded already"));
            return;
        }
        ObjectNode refund = refundsByKey.computeIfAbsent(key, k -> {
            JsonNode request = read(body);
            ObjectNode r = EventJson.mapper().createObjectNode();
            r.put("id", "rfnd_Stub" + ids.incrementAndGet()).put("entity", "refund").put("amount", request.path("amount").asLong())
                    .put("currency", "INR").put("payment_id", paymentId).put("status", "pending").put("speed_requested", "normal")
                    .put("speed_processed", "normal").put("created_at", 1772129215);
            r.set("notes", request.path("notes"));
            return r;
        });
        send(exchange, 200, refund.toString());
    }

    public long refundsMade() {
        return refundsByKey.size();
    }

    private static JsonNode read(String body) {
        try {
            return EventJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String error(String code, String description) {
        return "{\"error\":{\"code\":\"" + code + "\",\"description\":\"" + description
                + "\",\"source\":\"business\",\"step\":\"payment_initiation\",\"reason\":\"input_validation_failed\",\"metadata\":{}}}";
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
