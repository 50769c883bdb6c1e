package dev.seva.simulator.standin.razorpay;

import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Payment links: created by {@code POST /v1/payment_links} with a {@code short_url} on the simulator's own
 * hosted page ({@code /razorpay/pay/{id}}), paid there or through {@code POST /simulator/payment-links/{id}/pay}.
 * A successful payment marks the link {@code paid}, sends payment.captured, order.paid and payment_link.paid, and
 * redirects to the {@code callback_url} with Razorpay's five query parameters, signed with the key secret
 * over {@code plink_id|reference_id|status|payment_id}.
 */
final class PaymentLinks {

    /** A payment made on a link: the payment, the link's status after it, and where the customer goes next (null: nowhere). */
    record Paid(String paymentLinkId, String paymentId, String orderId, String status, String callbackUrl) {
    }

    /** The link cannot be paid now (paid, expired, cancelled). */
    static final class NotPayable extends RuntimeException {
        NotPayable(String message) {
            super(message, null, false, false);
        }
    }

    private final Razorpay razorpay;

    PaymentLinks(Razorpay razorpay) {
        this.razorpay = razorpay;
    }

    RazorpayPaymentLink create(RazorpayRequests.LinkRequest r) {
        long now = Razorpay.now();
        String id = RazorpayIds.id("plink");
        long expireBy = r.expireBy() != null ? r.expireBy() : now + RazorpayRequests.MAX_LINK_EXPIRY_SECONDS;
        RazorpayPaymentLink link = new RazorpayPaymentLink(id, r.amount(), r.currency(), r.acceptPartial(), r.referenceId(),
                r.description(), r.customer(), r.notifications(), r.reminderEnable(), r.notes(), r.callbackUrl(), r.callbackMethod(),
                expireBy, now, razorpay.baseUrl() + "/razorpay/pay/" + id);
        razorpay.addLink(link);
        return link;
    }

    /** @throws NotPayable when the link is paid, expired or cancelled; null when there is no such link */
    Paid pay(String linkId, String method, String app, PaymentOutcome outcome) {
        synchronized (razorpay) {
            RazorpayPaymentLink link = razorpay.link(linkId);
            if (link == null) {
                return null;
            }
            String status = link.currentStatus(Razorpay.now());
            if (!status.equals("created") && !status.equals("partially_paid")) {
                throw new NotPayable("This payment link is " + status + ": it cannot be paid.");
            }
            String contact = link.customer == null ? null : link.customer.path("contact").asText(null);
            String orderId = razorpay.orderForLink(link);
            String paymentId = razorpay.startPayment(orderId, method, app, contact);
            if (outcome == PaymentOutcome.FAILURE) {
                razorpay.fail(paymentId, "incorrect_pin", Delivery.NORMAL);
            } else if (outcome.captures()) {
                razorpay.capture(paymentId, outcome.delivery(razorpay.config().lateWebhookAfter()));
            }
            String after = link.currentStatus(Razorpay.now());
            String callback = outcome.captures() && link.callbackUrl != null ? callback(link, paymentId, after) : null;
            return new Paid(link.id, paymentId, orderId, after, callback);
        }
    }

    private String callback(RazorpayPaymentLink link, String paymentId, String status) {
        String reference = link.referenceId == null ? "" : link.referenceId;
        String signature = RazorpayWebhooks.sign(new SecretKeySpec(razorpay.config().keySecret().getBytes(StandardCharsets.UTF_8),
                "HmacSHA256"), (link.id + "|" + reference + "|" + status + "|" + paymentId).getBytes(StandardCharsets.UTF_8));
        return link.callbackUrl + (link.callbackUrl.contains("?") ? "&" : "?")
                + "razorpay_payment_id=" + enc(paymentId)
                + "&razorpay_payment_link_id=" + enc(link.id)
                + "&razorpay_payment_link_reference_id=" + enc(reference)
                + "&razorpay_payment_link_status=" + enc(status)
                + "&razorpay_signature=" + enc(signature);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
