package dev.seva.simulator.standin.razorpay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A stand-in for Razorpay: orders, payments, refunds, payment links, the settlement recon report and
 * signed webhooks, in memory (bounded). Its API is served under {@code /razorpay/v1} with Basic auth
 * ({@link RazorpayRoutes}); WhatsApp's PG mode (the Graph API stand-in) calls the methods below when a
 * citizen pays an {@code order_details} message, as WhatsApp creates the order and payment at the gateway itself.
 * Thread-safe: the state is guarded by this object; webhooks go out after the change.
 */
public final class Razorpay {

    /** A refund that reached {@code processed}. */
    public record ProcessedRefund(String refundId, String paymentId, long amount, String speedProcessed, long processedAt) {
    }

    private final Vertx vertx;
    private final RazorpayConfig config;
    private final Supplier<String> baseUrl;
    private final RazorpayWebhooks webhooks;
    private final Map<String, RazorpayOrder> orders;
    private final Map<String, RazorpayPayment> payments;
    private final Map<String, RazorpayRefund> refunds;
    private final Map<String, RazorpayPaymentLink> links;
    private final Map<String, String> linkByOrder;
    private final Recon recon = new Recon();
    final RefundIdempotency idempotency = new RefundIdempotency();
    private final List<Consumer<ProcessedRefund>> refundListeners = new CopyOnWriteArrayList<>();
    private volatile RazorpayFaults faults;

    public Razorpay(Vertx vertx, RazorpayConfig config, Supplier<String> baseUrl) {
        this.vertx = vertx;
        this.config = config;
        this.baseUrl = baseUrl;
        this.faults = RazorpayFaults.none().with(config.faults());
        this.webhooks = new RazorpayWebhooks(vertx, config, () -> faults);
        this.orders = Json.bounded(config.capacity());
        this.payments = Json.bounded(config.capacity());
        this.refunds = Json.bounded(config.capacity());
        this.links = Json.bounded(config.capacity());
        this.linkByOrder = Json.bounded(config.capacity());
    }

    /** Serves {@code /razorpay/v1/...}, the hosted payment-link page and the simulator's own Razorpay routes. */
    public void mount(Router router, BodyHandler bodies) {
        new RazorpayRoutes(this).mount(router, bodies);
        new RazorpaySimulatorRoutes(this).mount(router, bodies);
    }

    public RazorpayConfig config() {
        return config;
    }

    /** The faults in force, every field set. */
    public RazorpayFaults faults() {
        return faults.resolved();
    }

    /** Changes the faults named; the others stay. */
    public void applyFaults(RazorpayFaults change) {
        faults = faults.with(change);
    }

    public void resetFaults() {
        faults = RazorpayFaults.none();
    }

    /** Called when a refund is processed (on an event loop: be quick). */
    public void onRefundProcessed(Consumer<ProcessedRefund> listener) {
        refundListeners.add(listener);
    }

    // ------------------------------------------------------------------ orders and payments

    /** Creates an order as {@code POST /v1/orders} does (the request already validated); refuses a receipt used before when asked. */
    synchronized RazorpayOrder createOrder(long amount, String currency, String receipt, ObjectNode notes, boolean partial,
                                          boolean uniqueReceipt) {
        if (uniqueReceipt && receipt != null && orders.values().stream().anyMatch(o -> receipt.equals(o.receipt))) {
            throw RazorpayError.badRequest("Order receipt should be unique.", "receipt").refused();
        }
        RazorpayOrder order = new RazorpayOrder(RazorpayIds.id("order"), amount, currency, receipt,
                notes == null ? null : notes.deepCopy(), partial, now());
        orders.put(order.id, order);
        return order;
    }

    /** The order WhatsApp creates at the gateway for an {@code order_details} message (receipt and notes from its razorpay part). */
    public String createOrderForWhatsApp(long amount, String receipt, ObjectNode notes) {
        return createOrder(amount, "INR", receipt, notes, false, false).id;
    }

    /**
     * A payment attempt on an order: {@code created}, the order {@code attempted}. {@code app} (gpay, phonepe,
     * paytm, bhim, …) decides the UPI handle of the payer's VPA.
     */
    public synchronized String startPayment(String orderId, String method, String app, String contact) {
        RazorpayOrder order = orders.get(orderId);
        if (order == null) {
            throw RazorpayError.unknownId().refused();
        }
        if (order.status.equals("paid")) {
            throw RazorpayError.badRequest("Your payment has been declined as the order is already paid. Please initiate the payment with a new order.",
                    null).refused();
        }
        String vpa = "upi".equals(method) ? UpiHandles.vpa(contact, app) : null;
        RazorpayPayment payment = new RazorpayPayment(RazorpayIds.id("pay"), orderId, order.amount - order.amountPaid, order.currency,
                method, vpa, contact == null ? "" : contact, "void@razorpay.com", order.notes, now());
        payments.put(payment.id, payment);
        order.status = "attempted";
        order.attempts++;
        return payment.id;
    }

    /** The payment is authorised and captured (auto-capture); its order is paid. Webhooks: payment.captured, order.paid (and payment_link.paid). */
    public void capture(String paymentId, Delivery delivery) {
        List<RazorpayWebhooks.Event> events = new ArrayList<>();
        synchronized (this) {
            RazorpayPayment payment = requirePayment(paymentId);
            if (!payment.status.equals("created")) {
                return;
            }
            if (Boolean.TRUE.equals(faults.failedBeforeCaptured())) {
                ObjectNode failed = payment.toJson();
                failed.put("status", "failed");
                failed.put("error_code", "BAD_REQUEST_ERROR").put("error_description", "Payment failed").put("error_source", "customer")
                        .put("error_step", "payment_authorization").put("error_reason", "payment_failed");
                events.add(webhooks.event("payment.failed", Json.entities("payment", failed), "payment"));
            }
            long now = now();
            payment.status = "captured";
            payment.captured = true;
            payment.capturedAt = now;
            payment.fee = Math.round(payment.amount * 0.0236);
            payment.tax = Math.round(payment.amount * 0.0036);
            payment.rrn = RazorpayIds.digits(12);
            RazorpayOrder order = orders.get(payment.orderId);
            events.add(webhooks.event("payment.captured", Json.entities("payment", payment.toJson()), "payment"));
            if (order != null) {
                order.amountPaid += payment.amount;
                order.status = order.amountPaid >= order.amount ? "paid" : "attempted";
                events.add(webhooks.event("order.paid", Json.entities("payment", payment.toJson(), "order", order.toJson()), "payment", "order"));
                RazorpayPaymentLink link = links.get(linkByOrder.getOrDefault(order.id, ""));
                if (link != null) {
                    link.payments.add(new RazorpayPaymentLink.LinkPayment(payment.id, payment.amount, payment.method, now));
                    link.amountPaid += payment.amount;
                    link.status = link.amountPaid >= link.amount ? "paid" : "partially_paid";
                    link.updatedAt = now;
                    events.add(webhooks.event("payment_link." + link.status, Json.entities("payment_link", link.toJson(now),
                            "order", order.toJson(), "payment", payment.toJson()), "payment_link", "order", "payment"));
                }
            }
        }
        webhooks.emit(events, delivery);
    }

    /** The payment fails (the customer's bank declined it: {@code reason} such as incorrect_pin); the order stays payable. */
    public void fail(String paymentId, String reason, Delivery delivery) {
        RazorpayWebhooks.Event event;
        synchronized (this) {
            RazorpayPayment payment = requirePayment(paymentId);
            if (!payment.status.equals("created")) {
                return;
            }
            payment.status = "failed";
            payment.errorCode = "BAD_REQUEST_ERROR";
            payment.errorDescription = "Payment failed";
            payment.errorSource = "customer";
            payment.errorStep = "payment_authorization";
            payment.errorReason = reason;
            event = webhooks.event("payment.failed", Json.entities("payment", payment.toJson()), "payment");
        }
        webhooks.emit(List.of(event), delivery);
    }

    // ------------------------------------------------------------------ refunds

    /**
     * Refunds a captured payment as {@code POST /v1/payments/{id}/refund} does: in full when {@code amount} is
     * null, else partly (at least ₹1, at most what is left); {@code pending}, then {@code processed} after
     * the configured delay (webhook refund.processed). Answers the refund.
     */
    public synchronized ObjectNode refund(String paymentId, Long amount, String speed, ObjectNode notes, String receipt) {
        RazorpayPayment payment = requirePayment(paymentId);
        long left = payment.amount - payment.amountRefunded;
        if (!payment.captured) {
            throw RazorpayError.badRequest("The payment has not been captured, so it cannot be refunded.", "id").refused();
        }
        if (left <= 0) {
            throw RazorpayError.badRequest("The payment has been fully refunded already", null).refused();
        }
        long value = amount == null ? left : amount;
        if (value < 100) {
            throw RazorpayError.badRequest("The amount must be at least INR 1.00", "amount").refused();
        }
        if (value > left) {
            throw RazorpayError.badRequest("The refund amount provided is greater than amount captured", "amount").refused();
        }
        String requested = speed == null ? "normal" : speed;
        RazorpayRefund refund = new RazorpayRefund(RazorpayIds.id("rfnd"), paymentId, value, payment.currency,
                notes == null ? null : notes.deepCopy(), receipt, requested, requested.equals("optimum") ? "instant" : "normal", now());
        refunds.put(refund.id, refund);
        payment.amountRefunded += value;
        if (payment.amountRefunded >= payment.amount) {
            payment.status = "refunded";
        }
        long delay = Math.max(1, config.refundProcessedAfter().toMillis());
        vertx.setTimer(delay, t -> processed(refund.id));
        return refund.toJson();
    }

    private void processed(String refundId) {
        RazorpayWebhooks.Event event;
        ProcessedRefund done;
        synchronized (this) {
            RazorpayRefund refund = refunds.get(refundId);
            if (refund == null || !refund.status.equals("pending")) {
                return;
            }
            refund.status = "processed";
            refund.processedAt = now();
            refund.arn = RazorpayIds.digits(23);
            RazorpayPayment payment = payments.get(refund.paymentId);
            event = webhooks.event("refund.processed", payment == null ? Json.entities("refund", refund.toJson())
                    : Json.entities("refund", refund.toJson(), "payment", payment.toJson()), "refund", "payment");
            done = new ProcessedRefund(refund.id, refund.paymentId, refund.amount, refund.speedProcessed, refund.processedAt);
        }
        webhooks.emit(List.of(event), Delivery.NORMAL);
        refundListeners.forEach(l -> l.accept(done));
    }

    // ------------------------------------------------------------------ reads

    public synchronized Optional<ObjectNode> order(String id) {
        return Optional.ofNullable(orders.get(id)).map(RazorpayOrder::toJson);
    }

    public synchronized Optional<ObjectNode> payment(String id) {
        return Optional.ofNullable(payments.get(id)).map(RazorpayPayment::toJson);
    }

    public synchronized Optional<ObjectNode> refundEntity(String id) {
        return Optional.ofNullable(refunds.get(id)).map(RazorpayRefund::toJson);
    }

    public synchronized Optional<ObjectNode> paymentLink(String id) {
        return Optional.ofNullable(links.get(id)).map(l -> l.toJson(now()));
    }

    /** {@code {"entity":"collection","count","items":[…]}} of an order's payments, oldest first. */
    synchronized ObjectNode paymentsOfOrder(String orderId) {
        if (!orders.containsKey(orderId)) {
            throw RazorpayError.unknownId().refused();
        }
        return Json.collection(payments.values().stream().filter(p -> orderId.equals(p.orderId)).map(RazorpayPayment::toJson).toList());
    }

    synchronized ObjectNode refundsOfPayment(String paymentId) {
        requirePayment(paymentId);
        return Json.collection(refunds.values().stream().filter(r -> paymentId.equals(r.paymentId)).map(RazorpayRefund::toJson).toList());
    }

    /** The settlement recon rows of a day or month (IST), as {@code GET /v1/settlements/recon/combined}. */
    synchronized ObjectNode reconCombined(int year, int month, Integer day, int count, int skip) {
        List<ObjectNode> rows = recon.rows(payments.values(), refunds.values(), payments, orders, year, month, day);
        return Json.collection(rows.subList(Math.min(skip, rows.size()), Math.min(rows.size(), skip + count)));
    }

    /** The webhooks sent (or not), oldest first: for tests and {@code GET /simulator/razorpay/events}. */
    public List<ObjectNode> webhookLog() {
        return webhooks.log();
    }

    /** Webhooks answered 2xx, and webhooks given up after the retry window. */
    public long[] webhookCounts() {
        return new long[] {webhooks.delivered(), webhooks.abandoned()};
    }

    public synchronized void reset() {
        orders.clear();
        payments.clear();
        refunds.clear();
        links.clear();
        linkByOrder.clear();
        webhooks.clear();
        idempotency.clear();
        faults = RazorpayFaults.none().with(config.faults());
    }

    public void close() {
        webhooks.close();
    }

    // ------------------------------------------------------------------ for payment links

    String baseUrl() {
        return baseUrl.get();
    }

    synchronized void addLink(RazorpayPaymentLink link) {
        if (link.referenceId != null && links.values().stream().anyMatch(l -> link.referenceId.equals(l.referenceId))) {
            throw RazorpayError.badRequest("payment link creation with reference ID already attempted", "reference_id").refused();
        }
        links.put(link.id, link);
    }

    synchronized RazorpayPaymentLink link(String id) {
        return links.get(id);
    }

    /** The order behind a payment link, created at its first payment attempt. */
    synchronized String orderForLink(RazorpayPaymentLink link) {
        if (link.orderId == null) {
            link.orderId = createOrder(link.amount, link.currency, null, link.notes, false, false).id;
            linkByOrder.put(link.orderId, link.id);
        }
        return link.orderId;
    }

    Vertx vertx() {
        return vertx;
    }

    // ------------------------------------------------------------------ helpers

    private RazorpayPayment requirePayment(String id) {
        RazorpayPayment payment = payments.get(id);
        if (payment == null) {
            throw RazorpayError.unknownId().refused();
        }
        return payment;
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }
}
