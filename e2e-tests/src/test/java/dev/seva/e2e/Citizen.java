package dev.seva.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.EventJson;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * A citizen on the WhatsApp simulator: what they do goes to the gateway as a webhook signed and shaped
 * like Meta's; what the platform sends them is read back from the simulator's log of Graph API calls.
 */
final class Citizen {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String waId;
    private final String simulator;
    private int seen;

    Citizen(String simulator, String waId) {
        this.simulator = simulator;
        this.waId = waId;
        this.seen = sent().size();
    }

    Citizen says(String text) {
        return post(JsonNodeFactory.instance.objectNode().put("text", text));
    }

    Citizen taps(String buttonId) {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.putObject("buttonReply").put("id", buttonId);
        return post(message);
    }

    Citizen chooses(String rowId) {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.putObject("listReply").put("id", rowId);
        return post(message);
    }

    Citizen sharesLocation() {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.putObject("location").put("latitude", 16.5062).put("longitude", 80.648).put("name", "Benz Circle")
                .put("address", "MG Road, Vijayawada, Andhra Pradesh 520010");
        return post(message);
    }

    Citizen attachesPdf() {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.putObject("media").put("kind", "document").put("mimeType", "application/pdf").put("filename", "ration-card.pdf")
                .put("base64", Base64.getEncoder().encodeToString("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF".getBytes()));
        return post(message);
    }

    /** A photo, as a phone sends one: a real PNG (a passport-size portrait's shape) as an {@code image} message. */
    Citizen sendsPhoto() {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.putObject("media").put("kind", "image").put("mimeType", "image/png")
                .put("base64", Base64.getEncoder().encodeToString(portraitPng()));
        return post(message);
    }

    /** A small passport-style portrait (70 x 90 px PNG), as a citizen's photo. */
    static byte[] portraitPng() {
        java.awt.image.BufferedImage portrait = new java.awt.image.BufferedImage(70, 90, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = portrait.createGraphics();
        g.setColor(new java.awt.Color(0xE8F0FE));
        g.fillRect(0, 0, 70, 90);
        g.setColor(new java.awt.Color(0x3C4043));
        g.fillOval(20, 12, 30, 34);
        g.fillRoundRect(10, 50, 50, 40, 20, 20);
        g.dispose();
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(portrait, "png", png);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return png.toByteArray();
    }


    /** The next message the platform sends this citizen that matches; earlier ones are passed over. */
    JsonNode receives(Predicate<JsonNode> expected, String what) {
        List<JsonNode> found = new ArrayList<>();
        await().alias(what).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<JsonNode> all = sent();
            for (int i = seen; i < all.size(); i++) {
                if (expected.test(all.get(i))) {
                    seen = i + 1;
                    found.add(all.get(i));
                    return true;
                }
            }
            return false;
        });
        return found.get(0);
    }

    /**
     * Messages that come from different services and so in no fixed order (the department's decision
     * through conversation-service, the certificate through document-service): waits until each
     * expectation is met by a distinct message after the last one seen, and returns them in the
     * order of the expectations.
     */
    List<JsonNode> receivesEach(String what, List<Predicate<JsonNode>> expectations) {
        List<JsonNode> found = new ArrayList<>();
        await().alias(what).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<JsonNode> all = sent();
            List<Integer> matched = new ArrayList<>();
            for (Predicate<JsonNode> expected : expectations) {
                for (int i = seen; i < all.size(); i++) {
                    if (!matched.contains(i) && expected.test(all.get(i))) {
                        matched.add(i);
                        break;
                    }
                }
            }
            if (matched.size() < expectations.size()) {
                return false;
            }
            found.clear();
            matched.forEach(i -> found.add(all.get(i)));
            seen = matched.stream().mapToInt(Integer::intValue).max().orElse(seen - 1) + 1;
            return true;
        });
        return found;
    }

    /** What the platform sent this citizen after the last message {@link #receives} returned. */
    List<JsonNode> unseen() {
        List<JsonNode> all = sent();
        return all.size() > seen ? new ArrayList<>(all.subList(seen, all.size())) : List.of();
    }

    /** Everything the platform has sent this citizen, in order (the Graph API request bodies, with statuses). */
    List<JsonNode> sent() {
        JsonNode log = get(simulator + "/simulator/messages?to=" + waId);
        List<JsonNode> messages = new ArrayList<>();
        JsonNode list = log.isArray() ? log : log.path("messages");
        list.forEach(m -> {
            if (!"inbound".equals(m.path("direction").asText())) {
                messages.add(m);
            }
        });
        return messages;
    }

    private Citizen post(ObjectNode message) {
        message.put("name", "E2E " + waId.substring(waId.length() - 4));
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator + "/simulator/citizens/" + waId + "/messages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(message.toString())).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("The simulator refused " + message + ": " + response.statusCode() + " " + response.body());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Onboarded in this language (privacy notice, consent, language), then the first search. */
    void say(String language, String query) {
        says(language.equals("te") ? "నమస్కారం" : language.equals("hi") ? "नमस्ते" : "hi");
        receives(offering("consent:accept:" + language), "the privacy notice");
        taps("consent:accept:" + language);
        receives(offering("lang:" + language), "the language choice");
        taps("lang:" + language);
        receives(offering("popular"), "the menu");
        says(query);
        receives(m -> choices(m).stream().anyMatch(id -> id.startsWith("svc:")), "search results for " + query);
    }

    /** A file the platform sent this citizen (a certificate), downloaded through the Graph API's media endpoints as a client would. */
    byte[] downloadsMedia(String mediaId) throws Exception {
        JsonNode media = EventJsonGet(simulator + "/v23.0/" + mediaId, Platform.ACCESS_TOKEN);
        String url = media.path("url").asText().replace("localhost", "127.0.0.1");
        java.net.http.HttpResponse<byte[]> file = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Authorization", "Bearer " + Platform.ACCESS_TOKEN).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        if (file.statusCode() != 200) {
            throw new AssertionError("the media download answered " + file.statusCode());
        }
        return file.body();
    }

    static JsonNode EventJsonGet(String url, String bearer) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer).build(),
                    HttpResponse.BodyHandlers.ofString());
            return EventJson.mapper().readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode get(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            return EventJson.mapper().readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Pays the fee of application {@code reference} as a citizen does in WhatsApp: the "Review and pay" message for it,
     * paid by UPI in the simulator (which then reports the payment as Meta and Razorpay would), until the order shows
     * completed (payment-service settled it, conversation-service sent the application on).
     */
    Citizen paysFee(String reference) {
        String orderId = awaitsPaymentRequest(reference);
        pays(orderId, "success");
        receives(m -> orderReference(m, "order_status").equals(orderId)
                && m.path("body").path("interactive").path("action").path("parameters").path("order").path("status").asText().equals("completed"),
                "the fee of " + reference + " received");
        return this;
    }

    /** The order id of the next "Review and pay" message for application {@code reference}. */
    String awaitsPaymentRequest(String reference) {
        JsonNode order = receives(m -> orderReference(m, "order_details").startsWith(reference + "-"), "the payment request for " + reference);
        return orderReference(order, "order_details");
    }

    /** Pays the order in WhatsApp with UPI; {@code outcome} as the simulator plays it (success, failure, no_webhook…). */
    Citizen pays(String orderId, String outcome) {
        ObjectNode payment = JsonNodeFactory.instance.objectNode().put("referenceId", orderId).put("method", "upi").put("app", "gpay")
                .put("outcome", outcome);
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator + "/simulator/citizens/" + waId + "/payments"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payment.toString())).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("The simulator refused the payment of " + orderId + ": " + response.statusCode() + " " + response.body());
            }
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** The reference id of an {@code order_details} or {@code order_status} message, or "" for any other message. */
    static String orderReference(JsonNode m, String type) {
        JsonNode interactive = m.path("body").path("interactive");
        return interactive.path("type").asText().equals(type) ? interactive.path("action").path("parameters").path("reference_id").asText() : "";
    }

    // --- what a message looks like (Graph API request bodies) ---------------------------------

    static String text(JsonNode m) {
        JsonNode body = m.path("body");
        if (body.path("type").asText().equals("text")) {
            return body.path("text").path("body").asText();
        }
        if (body.path("type").asText().equals("interactive")) {
            return body.path("interactive").path("body").path("text").asText();
        }
        return "";
    }

    static List<String> choices(JsonNode m) {
        List<String> ids = new ArrayList<>();
        JsonNode action = m.path("body").path("interactive").path("action");
        action.path("buttons").forEach(b -> ids.add(b.path("reply").path("id").asText()));
        action.path("sections").forEach(s -> s.path("rows").forEach(r -> ids.add(r.path("id").asText())));
        return ids;
    }

    static Predicate<JsonNode> offering(String choiceId) {
        return m -> choices(m).contains(choiceId);
    }

    static Predicate<JsonNode> saying(String fragment) {
        return m -> text(m).contains(fragment);
    }

    /** A document the department's decision produced (a certificate, a pass): not the fee's receipt. */
    static boolean isDocument(JsonNode m) {
        return m.path("body").path("type").asText().equals("document") && !isReceipt(m);
    }

    /** document-service's signed receipt of a fee paid. */
    static boolean isReceipt(JsonNode m) {
        return m.path("body").path("type").asText().equals("document")
                && m.path("body").path("document").path("filename").asText().startsWith("receipt-");
    }
}
