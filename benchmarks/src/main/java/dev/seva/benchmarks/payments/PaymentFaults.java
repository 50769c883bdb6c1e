package dev.seva.benchmarks.payments;

import dev.seva.simulator.standin.razorpay.Razorpay;
import dev.seva.simulator.standin.razorpay.RazorpayFaults;

import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The payment faults of the platform benchmark, played by the Razorpay stand-in in the load generator, each for
 * {@code seconds} (60 by default) and then undone:
 * <ul>
 *   <li>{@code razorpay-down}: the gateway down (the stand-in's {@code down} fault): every API call answers 503
 *       {@code SERVER_ERROR}, and Razorpay's webhooks wait and go out late once it is back. WhatsApp's side stays
 *       up: citizens still pay, WhatsApp's payment webhooks and Meta's look-up still work.</li>
 *   <li>{@code razorpay-lost}: every Razorpay webhook dropped. With the mix's {@code no_webhook} (WhatsApp's webhook not
 *       sent either) a payment is then known only to the gateway and Meta's look-up: reconciliation must find it.</li>
 *   <li>{@code razorpay-doubled}: every Razorpay webhook delivered twice (same body, signature and event id).</li>
 * </ul>
 */
public final class PaymentFaults {

    private static final Set<String> NAMES = Set.of("razorpay-down", "razorpay-lost", "razorpay-doubled");

    private PaymentFaults() {
    }

    public static boolean handles(String fault) {
        return NAMES.contains(fault);
    }

    /** Applies the fault, waits {@code seconds}, undoes it (the webhook faults configured at start stay as they were). */
    public static void inject(String fault, Razorpay razorpay, int seconds) throws InterruptedException {
        RazorpayFaults before = razorpay.faults();
        razorpay.applyFaults(switch (fault) {
            case "razorpay-down" -> new RazorpayFaults(null, null, null, null, null, true);
            case "razorpay-lost" -> new RazorpayFaults(null, null, true, null, null);
            case "razorpay-doubled" -> new RazorpayFaults(true, null, null, null, null);
            default -> throw new IllegalArgumentException("unknown payment fault " + fault);
        });
        try {
            TimeUnit.SECONDS.sleep(seconds);
        } finally {
            razorpay.applyFaults(before);
        }
    }
}
