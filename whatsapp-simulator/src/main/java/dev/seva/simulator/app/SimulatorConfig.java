package dev.seva.simulator.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The simulator application's settings (see application.properties for the environment variables). */
@ConfigMapping(prefix = "seva.simulator")
public interface SimulatorConfig {

    /** The bearer token Graph API calls must carry (WHATSAPP_ACCESS_TOKEN). */
    String accessToken();

    /** Signs the webhooks posted to the gateway (WHATSAPP_APP_SECRET; the first of a comma-separated list). */
    String appSecret();

    /** The gateway's webhook (GATEWAY_WEBHOOK_URL); empty: no webhooks are posted. */
    Optional<URI> webhookUrl();

    /** Business phone number ids served (WHATSAPP_PHONE_NUMBER_IDS). */
    Set<String> phoneNumberIds();

    @WithDefault("15550783881")
    String displayPhoneNumber();

    /** The business's name as the chat page shows it (SIMULATOR_BUSINESS_NAME). */
    @WithDefault("Seva")
    String businessName();

    @WithDefault("102290129340398")
    String businessAccountId();

    /** Base of media download URLs, as the platform reaches this simulator (SIMULATOR_PUBLIC_URL). */
    String publicUrl();

    Statuses statuses();

    ServiceWindow serviceWindow();

    /** Allowed recipients (Meta's test-number list); empty: everyone. */
    Optional<Set<String>> allowedRecipients();

    /** Messages per second per business number before 130429; 0: not enforced. */
    @WithDefault("1000")
    int throughputPerSecond();

    PairRate pairRate();

    @WithDefault("100000")
    int messageLogCapacity();

    @WithDefault("134217728")
    long mediaCapacityBytes();

    @WithDefault("5")
    int webhookMaxAttempts();

    @WithDefault("1s")
    Duration webhookFirstBackoff();

    Faults faults();

    Payments payments();

    Razorpay razorpay();

    /** WhatsApp Payments (India) in PG mode (SIMULATOR_PAYMENT_*). */
    interface Payments {
        /** The WABA's payment configurations, {@code name} (Active) or {@code name:status}, comma-separated. */
        @WithDefault("seva-razorpay")
        List<String> configurations();

        /** false: the Payments Terms of Service are pending, payment calls answer 131005. */
        @WithDefault("true")
        boolean termsAccepted();

        /** After the citizen pays, when the pending payment status is reported. */
        @WithDefault("300ms")
        Duration pendingAfter();

        /** After that, when the payment is captured or fails. */
        @WithDefault("1500ms")
        Duration settleAfter();

        /** How late the late_webhook outcome reports the capture. */
        @WithDefault("20s")
        Duration lateWebhookAfter();

        @WithDefault("10000")
        int orderCapacity();
    }

    /** The Razorpay stand-in under /razorpay/v1 (RAZORPAY_KEY_ID, RAZORPAY_KEY_SECRET, RAZORPAY_WEBHOOK_SECRET, SIMULATOR_RAZORPAY_*). */
    interface Razorpay {
        @WithDefault("rzp_test_seva")
        String keyId();

        @WithDefault("seva-dev-razorpay-key-secret")
        String keySecret();

        @WithDefault("seva-dev-razorpay-webhook-secret")
        String webhookSecret();

        /** Where Razorpay's webhooks go; empty: none are sent. */
        Optional<URI> webhookUrl();

        @WithDefault("acc_SevaSimulator1")
        String accountId();

        /** An answer slower than this is a failure, retried (Razorpay: 5 s). */
        @WithDefault("5s")
        Duration webhookTimeout();

        @WithDefault("5s")
        Duration webhookFirstBackoff();

        /** How long after its creation an event is retried (Razorpay: 24 h). */
        @WithDefault("24h")
        Duration webhookRetryFor();

        @WithDefault("2s")
        Duration refundProcessedAfter();

        @WithDefault("20s")
        Duration lateWebhookAfter();

        /** none, duplicate, reorder, drop or failed_before_captured. */
        @WithDefault("none")
        String webhookFault();

        @WithDefault("10000")
        int capacity();
    }

    interface Statuses {
        /** Delay of the sent status; empty: never reported. */
        Optional<Duration> sent();

        Optional<Duration> delivered();

        Optional<Duration> read();
    }

    interface ServiceWindow {
        @WithDefault("true")
        boolean enforced();

        /** RESPONSE: 131047 answers the send; WEBHOOK: the send is accepted, then reported failed with 131047. */
        @WithDefault("response")
        String errors();
    }

    interface PairRate {
        @WithDefault("true")
        boolean enforced();

        @WithDefault("45")
        int burst();

        @WithDefault("6s")
        Duration interval();
    }

    /** Faults from the start (SIMULATOR_LATENCY_MS, SIMULATOR_ERROR_RATE, ...); POST /simulator/faults changes them later. */
    interface Faults {
        @WithDefault("0")
        int latencyMs();

        @WithDefault("0")
        int latencyJitterMs();

        @WithDefault("0")
        double errorRate();

        @WithDefault("131000")
        int errorCode();
    }
}
