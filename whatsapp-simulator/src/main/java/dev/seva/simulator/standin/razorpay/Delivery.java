package dev.seva.simulator.standin.razorpay;

import java.time.Duration;

/**
 * How the webhooks of one change go out, on top of the faults in force: normally, not at all, each twice,
 * or after a delay. The simulator's payment outcomes ({@code no_webhook}, {@code duplicate_webhook},
 * {@code late_webhook}) map to these.
 */
public record Delivery(boolean send, int copies, Duration delay) {

    public static final Delivery NORMAL = new Delivery(true, 1, Duration.ZERO);
    public static final Delivery NONE = new Delivery(false, 0, Duration.ZERO);

    public static Delivery twice() {
        return new Delivery(true, 2, Duration.ZERO);
    }

    public static Delivery after(Duration delay) {
        return new Delivery(true, 1, delay);
    }
}
