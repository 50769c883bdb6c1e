package dev.seva.simulator.standin.razorpay;

import java.time.Duration;
import java.util.Locale;

/**
 * What happens when the simulated customer pays, as the simulator's payment APIs name it: {@code success};
 * {@code failure} (a failed payment, the order or link stays payable); {@code pending} (the customer never
 * finishes: no capture, no final webhook); {@code no_webhook} (captured, but the webhooks that would
 * announce it are not sent: reconciliation must find it); {@code late_webhook} (captured, announced after a
 * delay); {@code duplicate_webhook} (captured, announced twice).
 */
public enum PaymentOutcome {
    SUCCESS, FAILURE, PENDING, NO_WEBHOOK, LATE_WEBHOOK, DUPLICATE_WEBHOOK;

    /** @throws IllegalArgumentException with a message safe to show */
    public static PaymentOutcome parse(String name) {
        if (name == null || name.isBlank()) {
            return SUCCESS;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("outcome is one of success, failure, pending, no_webhook, late_webhook, duplicate_webhook");
        }
    }

    /** Whether the payment ends captured. */
    public boolean captures() {
        return this != FAILURE && this != PENDING;
    }

    /** How the webhooks announcing the capture go out. */
    public Delivery delivery(Duration late) {
        switch (this) {
            case NO_WEBHOOK:
                return Delivery.NONE;
            case LATE_WEBHOOK:
                return Delivery.after(late);
            case DUPLICATE_WEBHOOK:
                return Delivery.twice();
            default:
                return Delivery.NORMAL;
        }
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
