package dev.seva.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** notification-service's settings; secrets come only from the environment (see application.properties). */
@ConfigMapping(prefix = "seva.notification")
public interface NotificationConfig {

    Graph graph();

    Throughput throughput();

    PairRate pairRate();

    Retry retry();

    Documents documents();

    Media media();

    Idempotency idempotency();

    Orders orders();

    /** Commands being delivered at once (across citizens; one citizen's are always one after the other). */
    @WithDefault("1000")
    int maxInFlight();

    /**
     * NOTIFICATION_MAX_QUEUED: commands held at once, waiting (their citizen's turn, pacing, a permit) or being
     * delivered; beyond it the consumer stops fetching.
     */
    @WithDefault("20000")
    int maxQueued();

    /**
     * NOTIFICATION_MAX_QUEUED_PER_CITIZEN: commands one citizen may have waiting; the next ones are dead-lettered
     * ({@code citizen-backlog}). Keep it at most burst + 600 s / interval (140 with the defaults): a command paced
     * longer than the consumer's unprocessed-record limit (600 s) would fail the whole channel.
     */
    @WithDefault("100")
    int maxQueuedPerCitizen();

    /** Keys the hash of citizens' addresses stored to find their rows on erasure (NOTIFICATION_ADDRESS_HASH_KEY). */
    String addressHashKey();

    /** How long delivery records are kept (DPDP: no longer than needed), then deleted. */
    @WithDefault("30d")
    Duration retention();

    /** Meta's Graph API. */
    interface Graph {
        /** WHATSAPP_API_BASE_URL: https://graph.facebook.com, or the simulator. */
        @WithDefault("https://graph.facebook.com")
        URI baseUrl();

        /** WHATSAPP_API_VERSION, e.g. v23.0. */
        @WithDefault("v23.0")
        String apiVersion();

        /** WHATSAPP_ACCESS_TOKEN: a system user's token with whatsapp_business_messaging. */
        String accessToken();

        /** How long one call may take before it counts as unanswered (and is retried). */
        @WithDefault("10s")
        Duration timeout();

        @WithDefault("200")
        int maxConnections();
    }

    /** Meta's throughput per business number (130429 above it), shared by every instance through PostgreSQL. */
    interface Throughput {
        /** Messages per second per business number (Meta: 80 by default, up to 1,000 for eligible numbers). */
        @WithDefault("80")
        int perSecond();

        /** Numbers whose limit differs from the default: phone number id → messages per second. */
        Map<String, Integer> perPhoneNumber();

        /** After a quiet time a number may send this much of a second's messages at once. */
        @WithDefault("100ms")
        Duration burst();

        /** Each instance books at least this much of a second's slots per database call. */
        @WithDefault("20ms")
        Duration lease();

        /** No instance books slots further ahead than this. */
        @WithDefault("1s")
        Duration horizon();

        /**
         * A booked slot not used within this time after it came is dropped, never used later. Equal to the
         * burst: an instance that fell behind (a pause) catches up no faster than a quiet number may burst.
         */
        @WithDefault("100ms")
        Duration slotTolerance();
    }

    /** Per-recipient pacing (Meta's pair rate, 131056 above it). */
    interface PairRate {
        @WithDefault("40")
        int burst();

        @WithDefault("6s")
        Duration interval();
    }

    /** Retries of 429, 130429, 131056, 5xx and timeouts. */
    interface Retry {
        @WithDefault("8")
        int maxAttempts();

        @WithDefault("500ms")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();

        /** No attempt starts later than this after the first. */
        @WithDefault("2m")
        Duration maxTotal();
    }

    /** document-service, from which document commands' PDFs are fetched. */
    interface Documents {
        /** DOCUMENT_SERVICE_URL. */
        @WithDefault("http://localhost:8084")
        URI baseUrl();

        /** DOCUMENT_FETCH_SECRET, shared with document-service (see DocumentFetchToken); comma-separated, the first signs. */
        String fetchSecret();

        @WithDefault("2m")
        Duration tokenLifetime();

        @WithDefault("30s")
        Duration timeout();
    }

    /** Uploaded media ids are reused while Meta keeps them (30 days), less a margin. */
    interface Media {
        @WithDefault("30d")
        Duration validity();

        @WithDefault("1d")
        Duration margin();
    }

    interface Idempotency {
        /**
         * A command found "sending" (its sender crashed, or another instance is still on it) is sent again
         * only when its last attempt is older than this, and no status webhook has told us Meta took it.
         * Must exceed the longest retry backoff plus one call's timeout.
         */
        @WithDefault("60s")
        Duration takeoverAfter();
    }

    /**
     * The seller named on every order_details message (Meta's importer fields, required on items without a catalogue):
     * the government office that collects the fees.
     */
    interface Orders {
        @WithDefault("Government of Andhra Pradesh")
        String sellerName();

        @WithDefault("AP Secretariat, Velagapudi")
        String sellerAddress();

        @WithDefault("Amaravati")
        String sellerCity();

        /** The state's code (Meta's zone_code). */
        @WithDefault("AP")
        String sellerZoneCode();

        @WithDefault("522238")
        String sellerPostalCode();
    }
}
