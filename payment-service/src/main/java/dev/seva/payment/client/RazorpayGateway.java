package dev.seva.payment.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.payment.config.PaymentConfig;
import dev.seva.payment.domain.Observation;
import dev.seva.payment.domain.PaymentMethods;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Razorpay's API with this service's key (Basic auth), its answers as domain values. */
@ApplicationScoped
public class RazorpayGateway {

    /** payments.orders.v1 order ids: what a Razorpay order's receipt, a payment's notes or a link's reference_id may hold. */
    public static final Pattern ORDER_ID = Pattern.compile("^SEVA-[A-Z]{2,6}-[0-9]{4}-[0-9]{6,}-[0-9]{1,2}$");

    @Inject
    @RestClient
    RazorpayApi api;

    @Inject
    PaymentConfig config;

    /** A payment as Razorpay has it now, and the Seva order id its notes name (if any). */
    public record PaymentSeen(Observation observation, String orderRef) {
    }

    public record LinkCreated(String id, String shortUrl) {
    }

    public record RefundAccepted(String id, boolean processed) {
    }

    public Uni<PaymentSeen> payment(String paymentId) {
        return api.payment(authorization(), paymentId).map(RazorpayGateway::seen);
    }

    public Uni<LinkCreated> createPaymentLink(String orderId, long amountPaise, long expireByEpochSeconds, String description,
                                              Map<String, String> notes) {
        RazorpayApi.PaymentLinkRequest request = new RazorpayApi.PaymentLinkRequest(amountPaise, "INR", false, expireByEpochSeconds, orderId,
                description, notes, new RazorpayApi.Notify(false, false), false);
        return api.createPaymentLink(authorization(), request).map(link -> new LinkCreated(link.id(), link.shortUrl()));
    }

    /** The ids of the payments made through a payment link (none until one is captured). */
    public Uni<List<String>> paymentLinkPayments(String linkId) {
        return api.paymentLink(authorization(), linkId).map(link -> {
            List<String> ids = new ArrayList<>();
            if (link.payments() != null) {
                for (RazorpayApi.LinkPayment p : link.payments()) {
                    if (p != null && p.paymentId() != null) {
                        ids.add(p.paymentId());
                    }
                }
            }
            return ids;
        });
    }

    public Uni<RefundAccepted> refund(String paymentId, String idempotencyKey, long amountPaise, Map<String, String> notes) {
        return api.refund(authorization(), idempotencyKey, paymentId, new RazorpayApi.RefundRequest(amountPaise, "normal", notes))
                .map(r -> new RefundAccepted(r.id(), "processed".equals(r.status())));
    }

    static PaymentSeen seen(RazorpayApi.Payment p) {
        Observation.Status status;
        String s = p.status() == null ? "" : p.status();
        switch (s) {
            case "captured":
            case "refunded":
                status = Observation.Status.CAPTURED;
                break;
            case "failed":
                status = Observation.Status.FAILED;
                break;
            default:
                // created, authorized: not money Seva holds yet (auto-capture follows, or Razorpay refunds it itself).
                status = Observation.Status.PENDING;
        }
        List<Observation.RefundSeen> refunds = "full".equals(p.refundStatus()) ? List.of(new Observation.RefundSeen(null, true, false)) : List.of();
        Observation observation = new Observation(p.orderId(), p.id(), status, p.amount(), PaymentMethods.of(p.method()), p.errorCode(),
                p.errorReason() != null ? p.errorReason() : p.errorDescription(), refunds);
        return new PaymentSeen(observation, orderRefIn(p.notes()));
    }

    /** The first note value that is a Seva order id (WhatsApp copies order_details' razorpay.notes to the Razorpay order). */
    public static String orderRefIn(JsonNode notes) {
        if (notes == null || !notes.isObject()) {
            return null;
        }
        for (Iterator<JsonNode> values = notes.elements(); values.hasNext(); ) {
            JsonNode v = values.next();
            if (v.isTextual() && ORDER_ID.matcher(v.asText()).matches()) {
                return v.asText();
            }
        }
        return null;
    }

    private String authorization() {
        String pair = config.razorpay().keyId() + ":" + config.razorpay().keySecret();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
