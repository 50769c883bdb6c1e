package dev.seva.payment.domain;

import java.util.List;

/**
 * One payment attempt as a source this service trusts reported it: Meta's payment look-up (a transaction) or
 * Razorpay's payment entity ({@code GET /payments/{id}}). Never a webhook's own claim: webhooks only say when to look.
 *
 * @param gatewayOrderId   the gateway's order id ({@code order_...})
 * @param gatewayPaymentId the gateway's payment id ({@code pay_...}); may be missing on a failed attempt
 * @param status           pending, failed or captured
 * @param amountPaise      what was paid (captures)
 * @param method           the contract's method name, or null
 * @param errorCode        a failure's code
 * @param errorReason      a failure's reason
 * @param refunds          refunds of this payment the source knows of
 */
public record Observation(String gatewayOrderId, String gatewayPaymentId, Status status, Long amountPaise, String method,
                          String errorCode, String errorReason, List<RefundSeen> refunds) {

    public enum Status { PENDING, FAILED, CAPTURED }

    /** A refund of the payment the source reports, and whether it is done. */
    public record RefundSeen(String refundId, boolean processed, boolean failed) {
    }

    public Observation {
        refunds = refunds == null ? List.of() : List.copyOf(refunds);
    }

    /** What identifies the attempt: the payment id, else the gateway's order id; null when the source gave neither. */
    public String attemptKey() {
        if (gatewayPaymentId != null && !gatewayPaymentId.isBlank()) {
            return gatewayPaymentId;
        }
        return gatewayOrderId == null || gatewayOrderId.isBlank() ? null : "order:" + gatewayOrderId;
    }
}
