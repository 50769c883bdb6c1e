package dev.seva.simulator.standin.razorpay;

import java.net.URI;
import java.time.Duration;

/**
 * How the Razorpay stand-in behaves.
 *
 * @param keyId                the API key id Basic auth must carry (RAZORPAY_KEY_ID)
 * @param keySecret            the API key secret (RAZORPAY_KEY_SECRET); also signs payment-link callbacks
 * @param webhookSecret        signs webhooks ({@code X-Razorpay-Signature}; RAZORPAY_WEBHOOK_SECRET)
 * @param webhookUrl           where webhooks go (SIMULATOR_RAZORPAY_WEBHOOK_URL); null: none are sent
 * @param accountId            the merchant account of webhooks' {@code account_id}
 * @param webhookTimeout       an answer slower than this counts as a failure and is retried (Razorpay: 5 s)
 * @param webhookFirstBackoff  the first retry's delay; each next one doubles
 * @param webhookRetryFor      how long after an event's creation it is retried (Razorpay: 24 h)
 * @param refundProcessedAfter how long a refund stays {@code pending} before {@code processed}
 * @param lateWebhookAfter     how late a payment link's {@code late_webhook} outcome sends its webhooks
 * @param capacity             orders, payments, refunds and payment links kept (each), oldest dropped first
 * @param faults               webhook faults from the start ({@code /simulator/razorpay/faults} changes them)
 */
public record RazorpayConfig(
        String keyId,
        String keySecret,
        String webhookSecret,
        URI webhookUrl,
        String accountId,
        Duration webhookTimeout,
        Duration webhookFirstBackoff,
        Duration webhookRetryFor,
        Duration refundProcessedAfter,
        Duration lateWebhookAfter,
        int capacity,
        RazorpayFaults faults) {

    public static final String DEFAULT_KEY_ID = "rzp_test_seva";
    public static final String DEFAULT_KEY_SECRET = "seva-dev-razorpay-key-secret";
    public static final String DEFAULT_WEBHOOK_SECRET = "seva-dev-razorpay-webhook-secret";

    public RazorpayConfig {
        faults = faults == null ? RazorpayFaults.none() : faults;
    }

    /** For tests: the default keys and secrets, no webhooks, fast retries (50 ms, 1 s timeout), refunds processed after 50 ms, late webhooks 300 ms late. */
    public static RazorpayConfig defaults() {
        return new RazorpayConfig(DEFAULT_KEY_ID, DEFAULT_KEY_SECRET, DEFAULT_WEBHOOK_SECRET, null, "acc_SevaSimulator1",
                Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMillis(300), 10_000,
                RazorpayFaults.none());
    }

    public RazorpayConfig withWebhookUrl(URI url) {
        return new RazorpayConfig(keyId, keySecret, webhookSecret, url, accountId, webhookTimeout, webhookFirstBackoff,
                webhookRetryFor, refundProcessedAfter, lateWebhookAfter, capacity, faults);
    }

    public RazorpayConfig withWebhookDelivery(Duration timeout, Duration firstBackoff, Duration retryFor) {
        return new RazorpayConfig(keyId, keySecret, webhookSecret, webhookUrl, accountId, timeout, firstBackoff, retryFor,
                refundProcessedAfter, lateWebhookAfter, capacity, faults);
    }

    public RazorpayConfig withTiming(Duration refundProcessed, Duration lateWebhook) {
        return new RazorpayConfig(keyId, keySecret, webhookSecret, webhookUrl, accountId, webhookTimeout, webhookFirstBackoff,
                webhookRetryFor, refundProcessed, lateWebhook, capacity, faults);
    }

    public RazorpayConfig withKeys(String id, String secret, String webhook) {
        return new RazorpayConfig(id, secret, webhook, webhookUrl, accountId, webhookTimeout, webhookFirstBackoff,
                webhookRetryFor, refundProcessedAfter, lateWebhookAfter, capacity, faults);
    }

    public RazorpayConfig withAccount(String account, int maxEntities) {
        return new RazorpayConfig(keyId, keySecret, webhookSecret, webhookUrl, account, webhookTimeout, webhookFirstBackoff,
                webhookRetryFor, refundProcessedAfter, lateWebhookAfter, maxEntities, faults);
    }

    public RazorpayConfig withFaults(RazorpayFaults initial) {
        return new RazorpayConfig(keyId, keySecret, webhookSecret, webhookUrl, accountId, webhookTimeout, webhookFirstBackoff,
                webhookRetryFor, refundProcessedAfter, lateWebhookAfter, capacity, initial);
    }
}
