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
 * @param down                 Razorpay is down: every API call answers 503 {@code SERVER_ERROR}, and webhooks wait
 *                             until it is up again (then go out, late); payments made in WhatsApp meanwhile still
 *                             settle on Meta's side, so payment-service must settle them from Meta's look-up
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RazorpayFaults(Boolean duplicateWebhooks, Boolean reorderWebhooks, Boolean dropWebhooks, Boolean failedBeforeCaptured,
                             Integer latencyMs, Boolean down) {

    /** Without the gateway being down (the form before that fault existed). */
    public RazorpayFaults(Boolean duplicateWebhooks, Boolean reorderWebhooks, Boolean dropWebhooks, Boolean failedBeforeCaptured,
                          Integer latencyMs) {
        this(duplicateWebhooks, reorderWebhooks, dropWebhooks, failedBeforeCaptured, latencyMs, null);
    }

    public static RazorpayFaults none() {
        return new RazorpayFaults(null, null, null, null, null, null);
    }

    /** A fault by its configuration name: none, duplicate, reorder, drop, failed_before_captured or down. */
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
            case "down":
                return new RazorpayFaults(null, null, null, null, null, true);
            default:
                throw new IllegalArgumentException("Unknown Razorpay fault '" + name
                        + "': none, duplicate, reorder, drop, failed_before_captured or down");
        }
    }

    /** These faults with the fields {@code change} gives replaced. */
    RazorpayFaults with(RazorpayFaults change) {
        return new RazorpayFaults(
                change.duplicateWebhooks != null ? change.duplicateWebhooks : duplicateWebhooks,
                change.reorderWebhooks != null ? change.reorderWebhooks : reorderWebhooks,
                change.dropWebhooks != null ? change.dropWebhooks : dropWebhooks,
                change.failedBeforeCaptured != null ? change.failedBeforeCaptured : failedBeforeCaptured,
                change.latencyMs != null ? change.latencyMs : latencyMs,
                change.down != null ? change.down : down);
    }

    /** Every field set, false or 0 where unset: what {@code GET /simulator/razorpay/faults} shows. */
    RazorpayFaults resolved() {
        return new RazorpayFaults(on(duplicateWebhooks), on(reorderWebhooks), on(dropWebhooks), on(failedBeforeCaptured),
                latencyMs == null ? 0 : Math.max(0, latencyMs), on(down));
    }

    private static Boolean on(Boolean b) {
        return Boolean.TRUE.equals(b);
    }
}
