package dev.seva.simulator.standin.razorpay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.EventJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Razorpay's API under {@code /razorpay/v1} (so a client's base URL is {@code http://host:8090/razorpay/v1}):
 * <ul>
 *   <li>{@code POST /orders}, {@code GET /orders/{id}}, {@code GET /orders/{id}/payments}</li>
 *   <li>{@code GET /payments/{id}}, {@code POST /payments/{id}/refund} ({@code X-Refund-Idempotency}), {@code GET /payments/{id}/refunds}</li>
 *   <li>{@code GET /refunds/{id}}</li>
 *   <li>{@code POST /payment_links}, {@code GET /payment_links/{id}}</li>
 *   <li>{@code GET /settlements/recon/combined?year&month[&day][&count][&skip]}</li>
 * </ul>
 * Every call needs {@code Authorization: Basic base64(key_id:key_secret)}, exactly so (Razorpay refuses
 * {@code BASIC}, {@code basic} or a quoted token); errors come in Razorpay's envelope.
 */
final class RazorpayRoutes {

    static final String BASE = "/razorpay/v1";

    private final Razorpay razorpay;
    private final PaymentLinks links;
    private final byte[] expectedAuthorization;

    RazorpayRoutes(Razorpay razorpay) {
        this.razorpay = razorpay;
        this.links = new PaymentLinks(razorpay);
        RazorpayConfig c = razorpay.config();
        this.expectedAuthorization = ("Basic " + Base64.getEncoder().encodeToString((c.keyId() + ":" + c.keySecret())
                .getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
    }

    void mount(Router router, BodyHandler bodies) {
        router.route(BASE + "/*").handler(ctx -> {
            if (razorpay.faults().down()) {
                error(ctx, RazorpayError.serverError());
                return;
            }
            ctx.next();
        });
        router.route(BASE + "/*").handler(this::authenticate);
        router.post(BASE + "/orders").handler(bodies).handler(ctx -> answer(ctx, () -> {
            RazorpayRequests.OrderRequest r = RazorpayRequests.order(body(ctx, false));
            return razorpay.createOrder(r.amount(), r.currency(), r.receipt(), r.notes(), r.partialPayment(), true).toJson();
        }));
        router.get(BASE + "/orders/:id").handler(ctx -> answer(ctx,
                () -> razorpay.order(ctx.pathParam("id")).orElseThrow(() -> RazorpayError.unknownId().refused())));
        router.get(BASE + "/orders/:id/payments").handler(ctx -> answer(ctx, () -> razorpay.paymentsOfOrder(ctx.pathParam("id"))));
        router.get(BASE + "/payments/:id").handler(ctx -> answer(ctx,
                () -> razorpay.payment(ctx.pathParam("id")).orElseThrow(() -> RazorpayError.unknownId().refused())));
        router.get(BASE + "/payments/:id/refunds").handler(ctx -> answer(ctx, () -> razorpay.refundsOfPayment(ctx.pathParam("id"))));
        router.post(BASE + "/payments/:id/refund").handler(bodies).handler(this::refund);
        router.get(BASE + "/refunds/:id").handler(ctx -> answer(ctx,
                () -> razorpay.refundEntity(ctx.pathParam("id")).orElseThrow(() -> RazorpayError.unknownId().refused())));
        router.post(BASE + "/payment_links").handler(bodies).handler(ctx -> answer(ctx, () -> links.create(
                RazorpayRequests.paymentLink(body(ctx, false), razorpay.config().keyId(), Razorpay.now())).toJson(Razorpay.now())));
        router.get(BASE + "/payment_links/:id").handler(ctx -> answer(ctx,
                () -> razorpay.paymentLink(ctx.pathParam("id")).orElseThrow(() -> RazorpayError.unknownId().refused())));
        router.get(BASE + "/settlements/recon/combined").handler(ctx -> answer(ctx, () -> recon(ctx)));
        router.route(BASE + "/*").handler(ctx -> error(ctx, RazorpayError.notFoundUrl()));
    }

    private void authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), expectedAuthorization)) {
            error(ctx, RazorpayError.authenticationFailed());
            return;
        }
        ctx.next();
    }

    /**
     * A refund, with {@code X-Refund-Idempotency} when given: a new key is in flight until its answer is
     * written (after the latency fault, if any), then replayed to the same request.
     */
    private void refund(RoutingContext ctx) {
        String paymentId = ctx.pathParam("id");
        String key = ctx.request().getHeader(RefundIdempotency.HEADER);
        JsonNode body;
        try {
            body = body(ctx, true);
            if (key != null && !RefundIdempotency.validKey(key)) {
                throw RazorpayError.badRequest("The idempotency key must be at least 10 characters of letters, digits, _ or -.",
                        null).refused();
            }
        } catch (RazorpayError.Refused e) {
            error(ctx, e.error());
            return;
        }
        if (key != null) {
            RefundIdempotency.Decision decision = razorpay.idempotency.begin(key, paymentId, body);
            if (decision instanceof RefundIdempotency.Replay replay) {
                write(ctx, replay.status(), replay.body(), null);
                return;
            }
            if (decision instanceof RefundIdempotency.Refuse refuse) {
                error(ctx, refuse.error());
                return;
            }
        }
        int status;
        byte[] bytes;
        try {
            RazorpayRequests.RefundRequest r = RazorpayRequests.refund(body);
            bytes = bytes(razorpay.refund(paymentId, r.amount(), r.speed(), r.notes(), r.receipt()));
            status = 200;
        } catch (RazorpayError.Refused e) {
            status = e.error().httpStatus();
            bytes = bytes(e.error().toJson());
        }
        int finalStatus = status;
        byte[] finalBytes = bytes;
        write(ctx, status, bytes, key == null ? null : () -> razorpay.idempotency.finish(key, finalStatus, finalBytes));
    }

    private JsonNode recon(RoutingContext ctx) {
        int year = intParam(ctx, "year", true, "The year field is required.", "The year must be 4 digits.", 1000, 9999);
        int month = intParam(ctx, "month", true, "The month field is required.", "The month is not a valid month.", 1, 12);
        Integer day = ctx.request().getParam("day") == null ? null
                : intParam(ctx, "day", false, null, "The day must be between 1 and 2 digits.", 1, 31);
        int count = ctx.request().getParam("count") == null ? 10
                : intParam(ctx, "count", false, null, "The count must be at least 1.", 1, 1000);
        int skip = ctx.request().getParam("skip") == null ? 0
                : intParam(ctx, "skip", false, null, "The skip must be at least 0.", 0, Integer.MAX_VALUE);
        return razorpay.reconCombined(year, month, day, count, skip);
    }

    private static int intParam(RoutingContext ctx, String name, boolean required, String missing, String invalid, int min, int max) {
        String value = ctx.request().getParam(name);
        if (value == null || value.isBlank()) {
            if (required) {
                throw RazorpayError.badRequest(missing, name).refused();
            }
            return min;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw RazorpayError.badRequest(invalid, name).refused();
        }
    }

    private void answer(RoutingContext ctx, Supplier<JsonNode> work) {
        try {
            write(ctx, 200, bytes(work.get()), null);
        } catch (RazorpayError.Refused e) {
            error(ctx, e.error());
        }
    }

    private static JsonNode body(RoutingContext ctx, boolean mayBeEmpty) {
        Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
        if (buffer == null || buffer.length() == 0) {
            if (mayBeEmpty) {
                return Json.object();
            }
            throw RazorpayError.badRequest("The request body is required.", null).refused();
        }
        try {
            JsonNode body = EventJson.mapper().readTree(buffer.getBytes());
            if (body == null || !body.isObject()) {
                throw new IOException("not an object");
            }
            return body;
        } catch (IOException e) {
            throw RazorpayError.badRequest("The request body is not a valid JSON object.", null).refused();
        }
    }

    private void error(RoutingContext ctx, RazorpayError error) {
        write(ctx, error.httpStatus(), bytes(error.toJson()), null);
    }

    /** Writes the answer after the latency fault; {@code written} runs once it is written. */
    private void write(RoutingContext ctx, int status, byte[] body, Runnable written) {
        Runnable send = () -> {
            if (!ctx.response().ended() && !ctx.response().closed()) {
                ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=UTF-8").end(Buffer.buffer(body));
            }
            if (written != null) {
                written.run();
            }
        };
        int latency = razorpay.faults().latencyMs();
        if (latency > 0) {
            razorpay.vertx().setTimer(latency, t -> send.run());
        } else {
            send.run();
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return EventJson.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
