package dev.seva.payment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** payment-service settings ({@code seva.payment.*}); environment variables in application.properties. */
@ConfigMapping(prefix = "seva.payment")
public interface PaymentConfig {

    /** RECONCILE_AFTER: an OPEN order this old is looked up at Meta (and its payment link at Razorpay): webhooks get lost. */
    @WithDefault("10m")
    Duration reconcileAfter();

    /** PAYMENT_RECONCILE_EVERY: how often the reconciliation round runs ("off": never, as in the tests, which run it themselves). */
    @WithDefault("1m")
    String reconcileEvery();

    /** PAYMENT_RECONCILE_FIRST: the first round this long after the start. */
    @WithDefault("30s")
    String reconcileFirst();

    /** How many orders, refunds and webhook events one reconciliation round works at most (each kind). */
    @WithDefault("100")
    int reconcileBatch();

    PaymentLinks paymentLinks();

    WhatsApp whatsapp();

    Razorpay razorpay();

    interface PaymentLinks {
        /** PAYMENT_LINKS_ENABLED: create a Razorpay payment link for every order (for a WhatsApp that cannot pay in the chat). */
        @WithDefault("true")
        boolean enabled();

        /** A link is made only for an order that expires at least this far ahead (Razorpay: expire_by at least 15 minutes on). */
        @WithDefault("16m")
        Duration minimumLifetime();
    }

    /** Meta's Graph API: the payment look-up. */
    interface WhatsApp {
        /** WHATSAPP_API_VERSION: the Graph API version, as notification-service uses. */
        @WithDefault("v23.0")
        String apiVersion();

        /** WHATSAPP_ACCESS_TOKEN: the system user's token (Bearer). */
        String accessToken();
    }

    /** Razorpay's API (Basic auth with the key id and secret) and its webhooks. */
    interface Razorpay {
        /** RAZORPAY_KEY_ID */
        String keyId();

        /** RAZORPAY_KEY_SECRET */
        String keySecret();

        /** RAZORPAY_WEBHOOK_SECRET: signs the webhooks (X-Razorpay-Signature); not the key secret. */
        String webhookSecret();

        /** How often a refund call is tried at once (same key, same body) on a timeout, 5xx or 409 before the reconciliation round takes over. */
        @WithDefault("3")
        int refundTries();

        /** The first pause between those tries (doubling). */
        @WithDefault("200ms")
        Duration refundBackoff();
    }
}
