package dev.seva.conversation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

@ConfigMapping(prefix = "seva.conversation")
public interface ConversationConfig {

    /** vault-service (VAULT_URL): Aadhaar tokens and citizens' data keys. */
    URI vaultUrl();

    /** This service's bearer secret at vault-service (VAULT_CLIENT_SECRET); no default outside the local run and tests. */
    String vaultClientSecret();

    /** How long a vault call may take before it counts as "vault unavailable" (retried). */
    @WithDefault("3s")
    Duration vaultTimeout();

    /** How long a citizen's data key is kept in memory after it was fetched (one fetch per citizen per period). */
    @WithDefault("5m")
    Duration citizenKeyCache();

    /** How many citizens' keys are kept in memory at most (least recently used dropped first). */
    @WithDefault("10000")
    int citizenKeyCacheSize();

    /** The soft limit at intake: more messages than this from one citizen within the window get one "slow down" reply. */
    Throttle throttle();

    interface Throttle {
        /** Messages one citizen may send within {@link #window()} before the rest are dropped. */
        @WithDefault("15")
        int messages();

        /** Short: a citizen waiting for each reply sends at most one message per round trip. */
        @WithDefault("2s")
        Duration window();

        /** Once over the limit, the sender's messages are dropped until they have been quiet this long. */
        @WithDefault("10s")
        Duration quiet();

        /** Citizens tracked at most (least recently seen dropped first), so a flood of numbers cannot exhaust memory. */
        @WithDefault("100000")
        int citizens();
    }

    /** WhatsApp's customer-service window: free-form messages only within this time after the citizen wrote. */
    @WithDefault("24h")
    Duration serviceWindow();

    /** A session idle longer than this restarts at the menu. */
    @WithDefault("24h")
    Duration idleRestart();

    /** The approved template sent instead of a free-form update outside the 24-hour window. */
    @WithDefault("seva_application_update")
    String updateTemplate();

    /**
     * The approved template sent instead of an officer's free-form message in a handover outside the
     * 24-hour window; its one body parameter is the officer's designation.
     */
    @WithDefault("seva_officer_message")
    String handoverTemplate();

    /** Version of the privacy notice citizens accept (recorded with their consent). */
    @WithDefault("1")
    int privacyNoticeVersion();

    /** How many times a message is retried when another message of the same citizen changed the session first. */
    @WithDefault("5")
    int conflictRetries();

    /** Fees paid in the chat (WhatsApp Payments for India) before an application goes to its department. */
    Payments payments();

    interface Payments {
        /**
         * PAYMENTS_ENABLED: a service with a fee is sent to its department only after the fee is paid. Off for a number
         * without a payment configuration: the fee is then shown as information only, as before payments existed.
         */
        @WithDefault("true")
        boolean enabled();

        /** WHATSAPP_PAYMENT_CONFIGURATION: the payment configuration (a Razorpay account linked to the WhatsApp Business Account). */
        @WithDefault("seva-razorpay")
        String configuration();

        /** PAYMENT_EXPIRY: how long the citizen has to pay (Meta: at least 5 minutes; a payment link needs 16). */
        @WithDefault("24h")
        Duration expiry();

        /** The footer of every payment request (at most 60 characters). */
        @WithDefault("Seva · Government of Andhra Pradesh")
        String footer();

        /** Meta requires a tax line; government fees carry none. */
        @WithDefault("No tax on government fees")
        String taxDescription();
    }

    /** Instant look-ups answered by the department's system (dept.<d>.lookups.v1 and dept.<d>.answers.v1). */
    Lookups lookups();

    interface Lookups {
        /**
         * LOOKUP_TIMEOUT: how long the department's system has to answer; then the citizen is told it did not, and a later
         * answer is dropped. A citizen waits in the chat: seconds, not minutes.
         */
        @WithDefault("20s")
        Duration timeout();

        /** How often look-ups past their time are looked for (and the citizen told); read by the scheduler. */
        @WithDefault("2s")
        Duration sweep();
    }
}
