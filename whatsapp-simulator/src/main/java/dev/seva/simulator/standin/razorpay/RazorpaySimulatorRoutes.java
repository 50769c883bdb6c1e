package dev.seva.simulator.standin.razorpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.EventJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.io.IOException;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * The parts of Razorpay a person or a test plays, and the simulator's controls over them:
 * <ul>
 *   <li>{@code GET /razorpay/pay/{plink id}}: the hosted page a payment link's {@code short_url} opens; its form
 *       ({@code POST} the same path) pays with a UPI app and a simulated outcome, then redirects to the callback</li>
 *   <li>{@code POST /simulator/payment-links/{id}/pay} {@code {"method":"upi","app":"gpay","outcome":"success"}}: the same from a test</li>
 *   <li>{@code GET /simulator/razorpay/events}: the webhooks sent (or not), with their delivery state</li>
 *   <li>{@code GET|POST|DELETE /simulator/razorpay/faults}: {@link RazorpayFaults}</li>
 * </ul>
 * Simulator routes answer RFC 9457 problems.
 */
final class RazorpaySimulatorRoutes {

    private final Razorpay razorpay;
    private final PaymentLinks links;

    RazorpaySimulatorRoutes(Razorpay razorpay) {
        this.razorpay = razorpay;
        this.links = new PaymentLinks(razorpay);
    }

    void mount(Router router, BodyHandler bodies) {
        router.get("/razorpay/pay/:id").handler(this::page);
        router.post("/razorpay/pay/:id").handler(bodies).handler(this::payFromPage);
        router.post("/simulator/payment-links/:id/pay").handler(bodies).handler(this::payFromApi);
        router.get("/simulator/razorpay/events").handler(ctx -> json(ctx, 200, Json.object().set("events",
                EventJson.mapper().valueToTree(razorpay.webhookLog()))));
        router.get("/simulator/razorpay/faults").handler(ctx -> json(ctx, 200, EventJson.mapper().valueToTree(razorpay.faults())));
        router.post("/simulator/razorpay/faults").handler(bodies).handler(this::applyFaults);
        router.delete("/simulator/razorpay/faults").handler(ctx -> {
            razorpay.resetFaults();
            json(ctx, 200, EventJson.mapper().valueToTree(razorpay.faults()));
        });
    }

    private void page(RoutingContext ctx) {
        RazorpayPaymentLink link = razorpay.link(ctx.pathParam("id"));
        if (link == null) {
            html(ctx, 404, PaymentLinkPage.message("Payment link not found", "There is no payment link with this id."));
            return;
        }
        String status;
        synchronized (razorpay) {
            status = link.currentStatus(Razorpay.now());
        }
        html(ctx, 200, status.equals("created") || status.equals("partially_paid")
                ? PaymentLinkPage.form(link.id, rupees(link.amount - link.amountPaid), link.description, link.referenceId)
                : PaymentLinkPage.message("Payment link " + status, "This payment link is " + status + ": it cannot be paid."));
    }

    private void payFromPage(RoutingContext ctx) {
        PaymentOutcome outcome;
        try {
            outcome = PaymentOutcome.parse(ctx.request().getFormAttribute("outcome"));
        } catch (IllegalArgumentException e) {
            html(ctx, 400, PaymentLinkPage.message("Not paid", e.getMessage()));
            return;
        }
        try {
            PaymentLinks.Paid paid = links.pay(ctx.pathParam("id"), "upi", app(ctx.request().getFormAttribute("app")), outcome);
            if (paid == null) {
                html(ctx, 404, PaymentLinkPage.message("Payment link not found", "There is no payment link with this id."));
            } else if (paid.callbackUrl() != null) {
                ctx.response().setStatusCode(303).putHeader("Location", paid.callbackUrl()).end();
            } else {
                html(ctx, 200, PaymentLinkPage.message(outcome.captures() ? "Payment successful" : outcome == PaymentOutcome.FAILURE
                        ? "Payment failed" : "Payment pending", "Payment " + paid.paymentId() + " · link " + paid.status()));
            }
        } catch (PaymentLinks.NotPayable e) {
            html(ctx, 409, PaymentLinkPage.message("Not paid", e.getMessage()));
        }
    }

    private void payFromApi(RoutingContext ctx) {
        JsonNode body;
        PaymentOutcome outcome;
        try {
            body = ctx.body() == null || ctx.body().length() == 0 ? Json.object() : EventJson.mapper().readTree(ctx.body().buffer().getBytes());
            outcome = PaymentOutcome.parse(body.path("outcome").asText(null));
        } catch (IOException | IllegalArgumentException e) {
            problem(ctx, 400, "invalid-payment", "Not a payment the simulator can make",
                    e instanceof IllegalArgumentException ? e.getMessage() : "The body is not JSON.");
            return;
        }
        String method = body.path("method").asText("upi");
        if (!method.matches("upi|card|netbanking|wallet")) {
            problem(ctx, 400, "invalid-payment", "Not a payment the simulator can make", "method is one of upi, card, netbanking, wallet");
            return;
        }
        try {
            PaymentLinks.Paid paid = links.pay(ctx.pathParam("id"), method, app(body.path("app").asText(null)), outcome);
            if (paid == null) {
                problem(ctx, 404, "unknown-payment-link", "No such payment link", "No payment link has the id " + ctx.pathParam("id") + ".");
                return;
            }
            ObjectNode answer = Json.object().put("paymentLinkId", paid.paymentLinkId()).put("paymentId", paid.paymentId())
                    .put("orderId", paid.orderId()).put("outcome", outcome.wire()).put("status", paid.status());
            if (paid.callbackUrl() != null) {
                answer.put("callbackUrl", paid.callbackUrl());
            }
            json(ctx, 200, answer);
        } catch (PaymentLinks.NotPayable e) {
            problem(ctx, 409, "payment-link-not-payable", "The payment link cannot be paid", e.getMessage());
        }
    }

    private void applyFaults(RoutingContext ctx) {
        try {
            razorpay.applyFaults(EventJson.mapper().readValue(ctx.body().buffer().getBytes(), RazorpayFaults.class));
        } catch (IOException | RuntimeException e) {
            problem(ctx, 400, "not-json", "Body is not the JSON expected", "See RazorpayFaults in the simulator's README.");
            return;
        }
        json(ctx, 200, EventJson.mapper().valueToTree(razorpay.faults()));
    }

    private static String app(String app) {
        return app == null || !app.matches("gpay|phonepe|paytm|bhim|amazonpay|cred|mobikwik") ? "gpay" : app;
    }

    /** ₹ and Indian digit grouping: ₹5,00,000.00. */
    static String rupees(long paise) {
        NumberFormat format = NumberFormat.getCurrencyInstance(new Locale("en", "IN"));
        return format.format(paise / 100.0);
    }

    private static void html(RoutingContext ctx, int status, String page) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=UTF-8")
                .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .putHeader("X-Content-Type-Options", "nosniff").end(page);
    }

    private static void json(RoutingContext ctx, int status, JsonNode body) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(EventJson.mapper().writeValueAsBytes(body)));
        } catch (IOException e) {
            ctx.fail(e);
        }
    }

    static void problem(RoutingContext ctx, int status, String type, String title, String detail) {
        ObjectNode problem = Json.object().put("type", "https://seva.dev/problems/" + type).put("title", title).put("status", status)
                .put("detail", detail);
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                    .end(Buffer.buffer(EventJson.mapper().writeValueAsBytes(problem)));
        } catch (IOException e) {
            ctx.fail(e);
        }
    }
}
