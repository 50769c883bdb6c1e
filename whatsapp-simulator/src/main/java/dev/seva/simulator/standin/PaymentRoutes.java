package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.EventJson;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.io.IOException;
import java.util.regex.Pattern;

import static dev.seva.simulator.standin.GraphApiRoutes.VERSION;

/**
 * WhatsApp Payments (India, PG mode) on the Graph API face, and the citizen paying:
 * <ul>
 *   <li>{@code GET /{version}/{phone-number-id}/payments/{configuration}/{reference_id}}: Meta's payment lookup</li>
 *   <li>{@code POST /{version}/{phone-number-id}/payments_refund}: a refund through WhatsApp</li>
 *   <li>{@code POST /simulator/citizens/{citizen}/payments}: the citizen pays an {@code order_details} ({@link CitizenPayment})</li>
 * </ul>
 */
final class PaymentRoutes {

    private static final Pattern CITIZEN = Pattern.compile("^(?:[0-9]{6,20}|[A-Z]{2}\\.[A-Za-z0-9]{1,120})$");

    private final GraphApiStandIn standIn;
    private final GraphApiRoutes graph;

    PaymentRoutes(GraphApiStandIn standIn, GraphApiRoutes graph) {
        this.standIn = standIn;
        this.graph = graph;
    }

    void mount(Router router, BodyHandler bodies) {
        router.getWithRegex(VERSION + "/(?<phone>[0-9]+)/payments/(?<configuration>[^/]+)/(?<reference>[^/]+)").handler(this::lookup);
        router.postWithRegex(VERSION + "/(?<phone>[0-9]+)/payments_refund").handler(bodies).handler(this::refund);
        router.post("/simulator/citizens/:citizen/payments").handler(bodies).handler(this::pay);
    }

    private void lookup(RoutingContext ctx) {
        String phone = ctx.pathParam("phone");
        String configuration = ctx.pathParam("configuration");
        String reference = ctx.pathParam("reference");
        GraphApiRoutes.Answer answer;
        try {
            guard(ctx, phone, "get");
            ObjectNode found = standIn.orders().with(phone, reference,
                    order -> order.details.configurationName().equals(configuration) ? PaymentJson.lookup(order) : null);
            if (found == null) {
                throw new GraphException(GraphError.unknownPayment(configuration, reference));
            }
            answer = GraphApiRoutes.Answer.ok(found);
        } catch (GraphException e) {
            answer = GraphApiRoutes.Answer.error(e.error());
        }
        graph.respond(ctx, answer);
    }

    private void refund(RoutingContext ctx) {
        String phone = ctx.pathParam("phone");
        JsonNode body = null;
        GraphApiRoutes.Answer answer;
        try {
            guard(ctx, phone, "post");
            body = GraphApiRoutes.parse(ctx);
            ObjectNode refund = standIn.payments().refund(phone, PaymentRefundRequest.parse(body));
            answer = new GraphApiRoutes.Answer(200, refund, null, null, null, null, body);
        } catch (GraphException e) {
            answer = GraphApiRoutes.Answer.error(e.error(), null, null, body);
        }
        graph.respond(ctx, answer);
    }

    /** The bearer token, the business number, the Payments Terms of Service, and the faults in force. */
    private void guard(RoutingContext ctx, String phone, String method) {
        GraphApiRoutes.authorize(ctx, standIn.config());
        GraphApiRoutes.requirePhoneNumber(standIn.config(), phone, method);
        if (!standIn.config().payments().termsAccepted()) {
            throw new GraphException(GraphError.of(131005));
        }
        GraphError injected = standIn.faults().injectedError(false);
        if (injected != null) {
            throw new GraphException(injected);
        }
    }

    private void pay(RoutingContext ctx) {
        String citizen = ctx.pathParam("citizen");
        CitizenPayment request;
        try {
            request = EventJson.mapper().readValue(ctx.body().buffer().getBytes(), CitizenPayment.class);
        } catch (IOException | RuntimeException e) {
            AdminRoutes.problem(ctx, 400, "not-json", "Body is not the JSON expected", "See CitizenPayment in the simulator's README.");
            return;
        }
        if (!CITIZEN.matcher(citizen).matches()) {
            AdminRoutes.problem(ctx, 400, "invalid-payment", "Not a payment the simulator can make",
                    "The citizen must be a wa_id (6 to 20 digits) or a business-scoped user id.");
            return;
        }
        try {
            CitizenPayments.Started started = standIn.payments().pay(citizen, request);
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("referenceId", started.referenceId());
            body.put("phoneNumberId", started.phoneNumberId());
            body.put("outcome", started.outcome());
            body.put("transactionId", started.transactionId());
            body.put("pgTransactionId", started.pgTransactionId());
            body.put("paymentStatus", "pending");
            AdminRoutes.json(ctx, 200, body);
        } catch (IllegalArgumentException e) {
            AdminRoutes.problem(ctx, 400, "invalid-payment", "Not a payment the simulator can make", e.getMessage());
        } catch (CitizenPayments.Refused e) {
            AdminRoutes.problem(ctx, e.status, e.type, e.status == 404 ? "No such order" : "The order cannot be paid", e.getMessage());
        }
    }
}
