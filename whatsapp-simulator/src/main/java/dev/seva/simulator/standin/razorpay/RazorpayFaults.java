package dev.seva.simulator.standin.razorpay;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Faults of the Razorpay stand-in, as given at start or to {@code POST /simulator/razorpay/faults} (only the
 * fields present change; {@code DELETE} clears them all).
 *
 * @param duplicateWebhooks    every webhook is delivered twice (same body, signature and {@code x-razorpay-event-id})
 * @param reorderWebhooks      the events one change causes go out last first: {@code order.paid} before
 *                             {@code payment.captured}, {@code refund.processed} before nothing else, and so on
 * @param dropWebhooks         no webhook is sent at all (reconciliation must find the payment)
 * @param failedBeforeCaptured a captured payment is first announced by a {@code payment.failed}, as Razorpay does
 *                             after a UPI retry or a late authorisation
 * @param latencyMs            added before every API answer; a refund's idempotency key is in flight meanwhile
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RazorpayFaults(Boolean duplicateWebhooks, Boolean reorderWebhooks, Boolean dropWebhooks, Boolean failedBeforeCaptured,
                             Integer latencyMs) {

    public static RazorpayFaults none() {
        return new RazorpayFaults(null, null, null, null, null);
    }

    /** A fault by its configuration name: none, duplicate, reorder, drop or failed_before_captured. */
    public static RazorpayFaults named(String name) {
        switch (name == null ? "none" : name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "", "none":
                return none();
            case "duplicate":
                return new RazorpayFaults(true, null, null, null, null);
            case "reorder":
                return new RazorpayFaults(null, true, null, null, null);
            case "drop":
                return new RazorpayFaults(null, null, true, null, null);
            case "failed_before_captured":
                return new RazorpayFaults(null, null, null, true, null);
            default:
                throw new IllegalArgumentException("Unknown Razorpay webhook fault '" + name
                        + "': none, duplicate, reorder, drop or failed_before_captured");
        }
    }

    /** These faults with the fields {@code change} gives replaced. */
    RazorpayFaults with(RazorpayFaults change) {
        return new RazorpayFaults(
                change.duplicateWebhooks != null ? change.duplicateWebhooks : duplicateWebhooks,
                change.reorderWebhooks != null ? change.reorderWebhooks : reorderWebhooks,
                change.dropWebhooks != null ? change.dropWebhooks : dropWebhooks,
                change.failedBeforeCaptured != null ? change.failedBeforeCaptured : failedBeforeCaptured,
                change.latencyMs != null ? change.latencyMs : latencyMs);
    }

    /** Every field set, false or 0 where unset: what {@code GET /simulator/razorpay/faults} shows. */
    RazorpayFaults resolved() {
        return new RazorpayFaults(on(duplicateWebhooks), on(reorderWebhooks), on(dropWebhooks), on(failedBeforeCaptured),
                latencyMs == null ? 0 : Math.max(0, latencyMs));
    }

    private static Boolean on(Boolean b) {
        return Boolean.TRUE.equals(b);
    }
}
