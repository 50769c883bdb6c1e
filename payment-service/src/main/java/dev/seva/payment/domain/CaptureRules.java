package dev.seva.payment.domain;

import java.util.Objects;

/**
 * What a confirmed capture does to its order: the rule behind "exactly one paid order per application". Decided under
 * the application's lock, so that two captures of one application (two orders, or the same payment seen through
 * WhatsApp and Razorpay) are decided one after the other.
 */
public final class CaptureRules {

    private CaptureRules() {
    }

    /** What to do with a capture. */
    public enum Outcome {
        /** The order's payment: mark it paid, issue the receipt. */
        HONOUR,
        /** Money Seva must not keep: refund it ({@link Decision#refundReason()}). */
        REFUND,
        /** Already decided (the same payment seen again): nothing. */
        NOTHING
    }

    /** An outcome, and for {@link Outcome#REFUND} the contract's refund reason. */
    public record Decision(Outcome outcome, String refundReason) {
        static final Decision HONOUR = new Decision(Outcome.HONOUR, null);
        static final Decision NOTHING = new Decision(Outcome.NOTHING, null);

        static Decision refund(String reason) {
            return new Decision(Outcome.REFUND, reason);
        }
    }

    /** payments.events.v1 refund reasons. */
    public static final String DUPLICATE_PAYMENT = "duplicate_payment";
    public static final String ORDER_WITHDRAWN = "order_withdrawn";
    public static final String APPLICATION_REJECTED = "application_rejected";

    /**
     * @param state                 the order's state now
     * @param paidPaymentId         the payment the order was paid with, if it is paid
     * @param paymentId             the captured payment
     * @param applicationPaidElsewhere whether another order of the same application is paid
     */
    public static Decision decide(OrderState state, String paidPaymentId, String paymentId, boolean applicationPaidElsewhere) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(paymentId, "paymentId");
        switch (state) {
            case PAID:
                return paymentId.equals(paidPaymentId) ? Decision.NOTHING : Decision.refund(DUPLICATE_PAYMENT);
            case OPEN:
            case EXPIRED:
                return applicationPaidElsewhere ? Decision.refund(DUPLICATE_PAYMENT) : Decision.HONOUR;
            case SUPERSEDED:
                return Decision.refund(DUPLICATE_PAYMENT);
            case WITHDRAWN:
                // The payment that paid the order before it was withdrawn is refunded by the withdrawal itself.
                if (paymentId.equals(paidPaymentId)) {
                    return Decision.NOTHING;
                }
                return Decision.refund(applicationPaidElsewhere ? DUPLICATE_PAYMENT : ORDER_WITHDRAWN);
            default:
                throw new IllegalStateException("Unknown order state " + state);
        }
    }
}
