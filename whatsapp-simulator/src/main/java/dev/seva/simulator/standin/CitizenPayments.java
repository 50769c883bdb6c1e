package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.simulator.standin.razorpay.Delivery;
import dev.seva.simulator.standin.razorpay.PaymentOutcome;
import dev.seva.simulator.standin.razorpay.Razorpay;
import dev.seva.simulator.standin.razorpay.RazorpayError;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What happens when a citizen pays an {@code order_details} message in PG mode: WhatsApp creates the order and
 * the payment at Razorpay itself (receipt = {@code razorpay.receipt}, else the reference_id; notes echoed),
 * then reports the payment to the business in signed {@code statuses[]} webhooks of {@code type: "payment"}:
 * first {@code pending} (transaction pending), then {@code captured} (transaction success) or, for a failure,
 * {@code pending} with a failed transaction (the order stays payable). The outcome can drop, delay or double
 * the webhook announcing the capture; the lookup and Razorpay always tell the truth.
 */
final class CitizenPayments {

    /** UPI payments above ₹5,00,000 fail, as Meta warns (unless the order disables UPI, which this simulator does not pay). */
    static final long UPI_LIMIT_PAISE = 50_000_000L;
    private static final Set<String> METHODS = Set.of("upi", "card", "netbanking", "wallet");
    private static final Set<String> APPS = Set.of("gpay", "phonepe", "paytm", "bhim", "amazonpay", "cred", "mobikwik");

    /** A payment started: the transaction the citizen's attempt created (still pending). */
    record Started(String referenceId, String phoneNumberId, String outcome, String transactionId, String pgTransactionId) {
    }

    /** A payment the simulator refuses: the problem to answer. */
    static final class Refused extends RuntimeException {
        final int status;
        final String type;

        Refused(int status, String type, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.type = type;
        }
    }

    private final Vertx vertx;
    private final StandInConfig config;
    private final Orders orders;
    private final Razorpay razorpay;
    private final WebhookSender sender;
    /** Refunds made through /payments_refund: refund id → phone number id and reference_id. */
    private final Map<String, String[]> refunds = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String[]> eldest) {
            return size() > 10_000;
        }
    };

    CitizenPayments(Vertx vertx, StandInConfig config, Orders orders, Razorpay razorpay, WebhookSender sender) {
        this.vertx = vertx;
        this.config = config;
        this.orders = orders;
        this.razorpay = razorpay;
        this.sender = sender;
        razorpay.onRefundProcessed(this::refundProcessed);
    }

    /** @throws IllegalArgumentException for a request that is not a payment (400); {@link Refused} for an order that cannot be paid */
    Started pay(String citizen, CitizenPayment request) {
        if (request.referenceId() == null || request.referenceId().isBlank()) {
            throw new IllegalArgumentException("referenceId is required: the reference_id of the order_details message.");
        }
        PaymentOutcome outcome = PaymentOutcome.parse(request.outcome());
        String method = request.method() == null ? "upi" : request.method();
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method is one of upi, card, netbanking, wallet.");
        }
        String app = request.app() == null ? "gpay" : request.app();
        if (!APPS.contains(app)) {
            throw new IllegalArgumentException("app is one of " + String.join(", ", APPS.stream().sorted().toList()) + ".");
        }
        String phone = orders.phoneNumberOf(citizen, request.referenceId(), request.phoneNumberId());
        if (phone == null) {
            throw new Refused(404, "unknown-order", "No order_details message with reference_id " + request.referenceId()
                    + " was sent to this citizen.");
        }
        Attempt attempt = orders.with(phone, request.referenceId(), order -> begin(order, citizen, method, app, outcome));
        if (attempt.refusal() != null) {
            throw attempt.refusal();
        }
        schedule(phone, request.referenceId(), attempt, outcome);
        return new Started(request.referenceId(), phone, outcome.wire(), attempt.transaction().id, attempt.transaction().pgTransactionId);
    }

    /** What {@link #begin} did: the transaction created, and whether it is bound to fail; or why nothing was attempted. */
    private record Attempt(Order.Transaction transaction, boolean doomed, String failureReason, Refused refusal) {
    }

    private Attempt begin(Order order, String citizen, String method, String app, PaymentOutcome outcome) {
        long now = Instant.now().getEpochSecond();
        String[] why = order.whyNotPayable(now);
        if (why != null) {
            return new Attempt(null, false, null, new Refused(409, why[0], why[1]));
        }
        if (!config.payments().active(order.details.configurationName())) {
            // The real platform lets such a message out, and the citizen's payment fails: a failed attempt, no gateway order.
            Order.Transaction failed = new Order.Transaction(order.gatewayOrderId != null ? order.gatewayOrderId : "order_unavailable",
                    null, method, now);
            failed.fail("BAD_REQUEST_ERROR", "payment_configuration_unavailable", now);
            order.transactions.add(failed);
            if (outcome != PaymentOutcome.NO_WEBHOOK) {
                post(PaymentJson.webhook(config, order, failed), 1, Duration.ZERO);
            }
            return new Attempt(failed, true, null, new Refused(409, "payment-configuration-unusable", "The payment configuration '"
                    + order.details.configurationName() + "' is unknown or not Active: the payment failed."));
        }
        if (order.gatewayOrderId == null) {
            String receipt = order.details.receipt() != null ? order.details.receipt() : order.referenceId();
            order.gatewayOrderId = razorpay.createOrderForWhatsApp(order.details.totalValue(), receipt, order.details.notes());
        }
        String contact = order.byUserId ? null : "+" + citizen;
        String paymentId = razorpay.startPayment(order.gatewayOrderId, method, app, contact);
        Order.Transaction transaction = new Order.Transaction(order.gatewayOrderId, paymentId, method, now);
        order.transactions.add(transaction);
        boolean overUpiLimit = method.equals("upi") && order.details.totalValue() > UPI_LIMIT_PAISE;
        order.attemptInFlight = outcome != PaymentOutcome.PENDING || overUpiLimit;
        return new Attempt(transaction, overUpiLimit, overUpiLimit ? "upi_transaction_limit_exceeded" : null, null);
    }

    private void schedule(String phone, String referenceId, Attempt attempt, PaymentOutcome outcome) {
        StandInConfig.Payments timing = config.payments();
        long pendingAt = Math.max(1, timing.pendingAfter().toMillis());
        long settleAt = pendingAt + Math.max(1, timing.settleAfter().toMillis());
        Order.Transaction transaction = attempt.transaction();
        if (outcome != PaymentOutcome.NO_WEBHOOK) {
            vertx.setTimer(pendingAt, t -> orders.with(phone, referenceId, order -> {
                if (transaction.status.equals("pending")) {
                    post(PaymentJson.webhook(config, order, transaction), 1, Duration.ZERO);
                }
                return null;
            }));
        }
        if (outcome == PaymentOutcome.PENDING && !attempt.doomed()) {
            return;
        }
        boolean captures = outcome.captures() && !attempt.doomed();
        vertx.setTimer(settleAt, t -> {
            try {
                if (captures) {
                    razorpay.capture(transaction.pgTransactionId, Delivery.NORMAL);
                } else {
                    razorpay.fail(transaction.pgTransactionId, attempt.failureReason() != null ? attempt.failureReason() : "incorrect_pin",
                            Delivery.NORMAL);
                }
            } catch (RazorpayError.Refused forgotten) {
                return; // a reset (or the bound) forgot the payment meanwhile: nothing left to settle
            }
            orders.with(phone, referenceId, order -> {
                long now = Instant.now().getEpochSecond();
                order.attemptInFlight = false;
                if (captures) {
                    transaction.status = "success";
                    transaction.updatedAt = now;
                } else {
                    transaction.fail("BAD_REQUEST_ERROR", attempt.failureReason() != null ? attempt.failureReason() : "incorrect_pin", now);
                }
                ObjectNode webhook = PaymentJson.webhook(config, order, transaction);
                switch (captures ? outcome : PaymentOutcome.FAILURE) {
                    case NO_WEBHOOK -> { }
                    case DUPLICATE_WEBHOOK -> post(webhook, 2, Duration.ZERO);
                    case LATE_WEBHOOK -> post(webhook, 1, timing.lateWebhookAfter());
                    default -> post(webhook, 1, Duration.ZERO);
                }
                return null;
            });
        });
    }

    // ------------------------------------------------------------------ refunds through WhatsApp

    /**
     * Starts a refund of an order's captured payment at the gateway; answers Meta's
     * {@code {"id","status":"pending","speed_processed"}}. The refund shows in later payment status webhooks
     * and lookups, {@code pending} until the gateway processed it, then {@code success}.
     */
    ObjectNode refund(String phone, PaymentRefundRequest request) {
        ObjectNode answer = orders.with(phone, request.referenceId(), order -> {
            if (!order.details.configurationName().equals(request.configuration())) {
                throw new GraphException(GraphError.invalidParameter("Param payment_config_id '" + request.configuration()
                        + "' is not the payment configuration of the order " + request.referenceId() + "."));
            }
            Order.Transaction captured = order.captured();
            if (captured == null) {
                throw new GraphException(GraphError.invalidParameter("The order " + request.referenceId() + " has no captured payment to refund."));
            }
            ObjectNode refund;
            try {
                refund = razorpay.refund(captured.pgTransactionId, request.value(), request.instant() ? "optimum" : "normal", null, null);
            } catch (RazorpayError.Refused e) {
                throw new GraphException(GraphError.invalidParameter("The payment gateway refused the refund: " + e.error().description()));
            }
            String id = refund.get("id").asText();
            String speed = refund.get("speed_processed").asText();
            captured.refunds.add(new Order.Refund(id, request.value(), speed, Instant.now().getEpochSecond()));
            synchronized (refunds) {
                refunds.put(id, new String[] {phone, request.referenceId()});
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            return body.put("id", id).put("status", "pending").put("speed_processed", speed);
        });
        if (answer == null) {
            throw new GraphException(GraphError.invalidParameter("Param reference_id '" + request.referenceId()
                    + "': no order_details message with this reference_id was sent from this business number."));
        }
        return answer;
    }

    private void refundProcessed(Razorpay.ProcessedRefund processed) {
        String[] where;
        synchronized (refunds) {
            where = refunds.get(processed.refundId());
        }
        if (where == null) {
            return; // a refund made directly at Razorpay: WhatsApp does not learn of it (the simulator's choice)
        }
        orders.with(where[0], where[1], order -> {
            Order.Transaction captured = order.captured();
            if (captured == null) {
                return null;
            }
            for (Order.Refund refund : captured.refunds) {
                if (refund.id.equals(processed.refundId())) {
                    refund.status = "success";
                    refund.updatedAt = processed.processedAt();
                }
            }
            post(PaymentJson.webhook(config, order, captured), 1, Duration.ZERO);
            return null;
        });
    }

    void clear() {
        synchronized (refunds) {
            refunds.clear();
        }
    }

    private void post(ObjectNode webhook, int copies, Duration delay) {
        if (sender == null) {
            return;
        }
        Runnable send = () -> {
            for (int i = 0; i < copies; i++) {
                sender.post(webhook);
            }
        };
        if (delay.isZero()) {
            send.run();
        } else {
            vertx.setTimer(delay.toMillis(), t -> send.run());
        }
    }
}
