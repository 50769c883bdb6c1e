package dev.seva.payment.domain;

/**
 * What {@code payment.order.withdrawn} does to an order. An unpaid order simply stops being payable; a paid one keeps
 * its money (a fee once paid is the treasury's), except a refundable fee whose application was withdrawn or rejected,
 * which is refunded in full (refund reason order_withdrawn, or application_rejected).
 */
public final class WithdrawalRules {

    /** payments.orders.v1 reasons. */
    public static final String CITIZEN_CANCELLED = "citizen_cancelled";
    public static final String APPLICATION_WITHDRAWN = "application_withdrawn";
    /** The department rejected the application whose fee was paid. */
    public static final String APPLICATION_REJECTED = "application_rejected";
    public static final String ERASED = "erased";

    private WithdrawalRules() {
    }

    public enum Outcome {
        /** Not paid: the order becomes WITHDRAWN. */
        WITHDRAW,
        /** Paid and refundable, application withdrawn: refund the payment (order_withdrawn), the order becomes WITHDRAWN. */
        REFUND_AND_WITHDRAW,
        /** Nothing changes (already withdrawn or superseded, or a paid fee that is kept). */
        NOTHING
    }

    public static Outcome decide(OrderState state, String reason, boolean refundable) {
        switch (state) {
            case OPEN:
            case EXPIRED:
                return Outcome.WITHDRAW;
            case PAID:
                return (APPLICATION_WITHDRAWN.equals(reason) || APPLICATION_REJECTED.equals(reason)) && refundable
                        ? Outcome.REFUND_AND_WITHDRAW : Outcome.NOTHING;
            default:
                return Outcome.NOTHING;
        }
    }
}
