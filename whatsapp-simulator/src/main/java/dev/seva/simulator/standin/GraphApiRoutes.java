package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.EventJson;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;

/**
 * The Graph API face: {@code POST /{version}/{phone-number-id}/messages} (every message kind and
 * mark-as-read), with the bearer token, Meta's validation, limits and error answers, then the status
 * webhooks; media routes are in {@link MediaRoutes}, payment lookups and refunds in {@link PaymentRoutes}.
 * An {@code order_details} registers its order; an {@code order_status} moves it, and an invalid move is
 * reported as the message's {@code failed} status (2046, 2047). The version segment is optional, as on graph.facebook.com.
 */
final class GraphApiRoutes {

    static final String VERSION = "(?:/(?<version>v[0-9]+\\.[0-9]+))?";
    static final Duration SERVICE_WINDOW = Duration.ofHours(24);

    /** A Graph API answer and what the journal keeps of it. */
    record Answer(int status, JsonNode body, Integer errorCode, String citizen, String bizOpaque, String wamid, JsonNode request) {
        static Answer error(GraphError error, String citizen, String bizOpaque, JsonNode request) {
            return new Answer(error.httpStatus(), error.toJson(), error.code(), citizen, bizOpaque, null, request);
        }

        static Answer ok(JsonNode body) {
            return new Answer(200, body, null, null, null, null, null);
        }

        static Answer error(GraphError error) {
            return error(error, null, null, null);
        }
    }

    private final GraphApiStandIn standIn;
    private final Vertx vertx;
    private final MessageValidator validator;
    private final TokenBuckets throughput;
    private final TokenBuckets pairs;

    GraphApiRoutes(GraphApiStandIn standIn, Vertx vertx) {
        this.standIn = standIn;
        this.vertx = vertx;
        StandInConfig config = standIn.config();
        this.validator = new MessageValidator(standIn.media());
        this.throughput = config.throughputPerSecond() > 0
                ? new TokenBuckets(config.throughputPerSecond(), config.throughputPerSecond()) : null;
        this.pairs = config.pairRate() == null ? null
                : new TokenBuckets(config.pairRate().burst(), 1.0 / Math.max(0.001, config.pairRate().interval().toMillis() / 1000.0));
    }

    void mount(Router router, BodyHandler bodies) {
        router.postWithRegex(VERSION + "/(?<phone>[0-9]+)/messages").handler(bodies).handler(this::messages);
    }

    private void messages(RoutingContext ctx) {
        String phoneNumberId = ctx.pathParam("phone");
        String citizen = null;
        String bizOpaque = null;
        JsonNode body = null;
        Answer answer;
        try {
            authorize(ctx, standIn.config());
            requirePhoneNumber(standIn.config(), phoneNumberId, "post");
            body = parse(ctx);
            citizen = body.path("to").isTextual() ? body.get("to").asText().replaceAll("[+\\s()\\-]", "") : body.path("recipient").asText(null);
            bizOpaque = body.path("biz_opaque_callback_data").asText(null);
            GraphError injected = standIn.faults().injectedError(true);
            if (injected != null) {
                throw new GraphException(injected);
            }
            answer = MessageValidator.isMarkRead(body) ? markRead(body) : send(body, phoneNumberId, ctx.pathParam("version"));
        } catch (GraphException e) {
            answer = Answer.error(e.error(), citizen, bizOpaque, body);
        }
        respond(ctx, answer);
    }

    private Answer markRead(JsonNode body) {
        String messageId = validator.markRead(body);
        LoggedMessage inbound = standIn.conversations().find(messageId)
                .filter(m -> LoggedMessage.INBOUND.equals(m.direction()))
                .orElseThrow(() -> new GraphException(GraphError.invalidParameter("Invalid message_id: no message with this id was received.")));
        standIn.conversations().status(messageId, "read", Instant.now(), null);
        ObjectNode ok = JsonNodeFactory.instance.objectNode().put("success", true);
        return new Answer(200, ok, null, inbound.citizen(), null, null, body);
    }

    private Answer send(JsonNode body, String phoneNumberId, String version) {
        MessageValidator.Send send = validator.send(body);
        StandInConfig config = standIn.config();
        if (send.order() != null && !config.payments().termsAccepted()) {
            throw new GraphException(GraphError.of(131005));
        }
        if (!config.allowedRecipients().isEmpty() && !config.allowedRecipients().contains(send.citizen())) {
            throw new GraphException(GraphError.of(131030));
        }
        GraphError refused = standIn.faults().recipientError(send.citizen());
        if (refused != null) {
            throw new GraphException(refused);
        }
        long now = System.nanoTime();
        if (throughput != null && !throughput.tryTake(phoneNumberId, now)) {
            throw new GraphException(GraphError.of(130429));
        }
        if (pairs != null && !pairs.tryTake(phoneNumberId + "|" + send.citizen(), now)) {
            throw new GraphException(GraphError.of(131056));
        }
        GraphError failure = null;
        boolean windowClosed = standIn.faults().windowClosed(send.citizen())
                || (config.serviceWindow().enforced() && !withinServiceWindow(send.citizen()));
        if (!send.template() && windowClosed) {
            if (config.serviceWindow().errors() == StandInConfig.ServiceWindow.ErrorDelivery.RESPONSE) {
                throw new GraphException(GraphError.of(131047));
            }
            failure = GraphError.of(131047);
        }
        if (failure == null && standIn.faults().undeliverable(send.citizen())) {
            failure = GraphError.of(131026);
        }
        String wamid = Ids.wamid(send.citizen());
        if (failure == null && send.order() instanceof OrderMessage.Details details) {
            standIn.orders().register(phoneNumberId, send.citizen(), send.byUserId(), wamid, details);
        } else if (failure == null && send.order() instanceof OrderMessage.StatusUpdate update) {
            failure = standIn.orders().changeStatus(phoneNumberId, send.citizen(), update);
        }
        LoggedMessage logged = standIn.conversations().addOutbound(wamid, send.citizen(), phoneNumberId, version, send.type(),
                body, Instant.now());
        standIn.statuses().accepted(new StatusReporter.Accepted(wamid, phoneNumberId, send.citizen(), send.byUserId(),
                send.template(), send.bizOpaque(), failure));
        standIn.notifyAccepted(logged);

        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("messaging_product", "whatsapp");
        ObjectNode contact = answer.putArray("contacts").addObject();
        contact.put("input", send.input());
        contact.put(send.byUserId() ? "user_id" : "wa_id", send.citizen());
        ObjectNode message = answer.putArray("messages").addObject();
        message.put("id", wamid);
        if (send.template()) {
            message.put("message_status", "accepted");
        }
        return new Answer(200, answer, null, send.citizen(), send.bizOpaque(), wamid, body);
    }

    private boolean withinServiceWindow(String citizen) {
        return standIn.conversations().lastInboundAt(citizen)
                .map(last -> last.plus(SERVICE_WINDOW).isAfter(Instant.now()))
                .orElse(false);
    }

    /** Answers after the injected latency, and journals the call at its arrival. */
    void respond(RoutingContext ctx, Answer answer) {
        standIn.journal().add(new ApiCall(Instant.now(), System.nanoTime(), ctx.request().method().name(), ctx.request().path(),
                answer.status(), answer.errorCode(), answer.citizen(), answer.bizOpaque(), answer.wamid(), answer.request()));
        byte[] bytes;
        try {
            bytes = EventJson.mapper().writeValueAsBytes(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Runnable write = () -> {
            if (!ctx.response().ended() && !ctx.response().closed()) {
                ctx.response().setStatusCode(answer.status()).putHeader("Content-Type", "application/json")
                        .end(io.vertx.core.buffer.Buffer.buffer(bytes));
            }
        };
        long delay = standIn.faults().latencyMillis();
        if (delay > 0) {
            vertx.setTimer(delay, t -> write.run());
        } else {
            write.run();
        }
    }

    static void authorize(RoutingContext ctx, StandInConfig config) {
        String header = ctx.request().getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim() : ctx.request().getParam("access_token");
        if (token == null || token.isEmpty()) {
            throw new GraphException(new GraphError(401, 190, null, "Access token has expired", "Cannot parse access token"));
        }
        if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), config.accessToken().getBytes(StandardCharsets.UTF_8))) {
            throw new GraphException(new GraphError(401, 190, null, "Access token has expired", "The access token could not be decrypted"));
        }
    }

    static void requirePhoneNumber(StandInConfig config, String phoneNumberId, String method) {
        if (!config.phoneNumberIds().isEmpty() && !config.phoneNumberIds().contains(phoneNumberId)) {
            throw new GraphException(GraphError.unsupported(method, phoneNumberId));
        }
    }

    static JsonNode parse(RoutingContext ctx) {
        try {
            JsonNode body = ctx.body() == null || ctx.body().buffer() == null ? null
                    : EventJson.mapper().readTree(ctx.body().buffer().getBytes());
            if (body == null || !body.isObject()) {
                throw new GraphException(GraphError.invalidParameter("The request body must be a JSON object."));
            }
            return body;
        } catch (IOException e) {
            throw new GraphException(GraphError.invalidParameter("The request body is not valid JSON."));
        }
    }
}
