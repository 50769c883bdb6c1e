package dev.seva.simulator.standin;

import dev.seva.simulator.standin.razorpay.RazorpayConfig;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How the Graph API stand-in behaves. Start from {@link #defaults()} and change what a test or run
 * needs through {@link #toBuilder()}.
 *
 * @param accessToken          the bearer token every Graph API call must carry (WHATSAPP_ACCESS_TOKEN)
 * @param appSecret            signs the webhooks it posts (WHATSAPP_APP_SECRET)
 * @param webhookUrl           where webhooks go (the gateway's /webhook); null: none are posted
 * @param phoneNumberIds       business phone number ids served; empty: any
 * @param displayPhoneNumber   the business number as webhooks show it
 * @param businessAccountId    the WhatsApp Business Account id of webhooks' {@code entry[].id}
 * @param publicBaseUrl        base of media download URLs; null: this server's own address
 * @param statusTiming         when sent, delivered and read follow an accepted message
 * @param serviceWindow        whether non-template messages need the citizen's message in the last 24 h, and how 131047 is told
 * @param allowedRecipients    recipients allowed (Meta's test-number list, else 131030); empty: all
 * @param throughputPerSecond  messages per second per business number before 130429; 0: not enforced
 * @param pairRate             per-recipient pacing before 131056; null: not enforced
 * @param messageLogCapacity   messages (in and out) kept for /simulator/messages, oldest dropped first
 * @param mediaCapacityBytes   bytes of media kept, oldest dropped first
 * @param webhookDelivery      attempts and backoff when the webhook receiver does not answer 200
 * @param faults               faults injected from the start (the admin endpoint changes them at run time)
 * @param payments             WhatsApp Payments (India, PG mode): payment configurations and payment timing
 * @param razorpay             the Razorpay stand-in served under {@code /razorpay/v1}
 */
public record StandInConfig(
        String accessToken,
        String appSecret,
        URI webhookUrl,
        Set<String> phoneNumberIds,
        String displayPhoneNumber,
        String businessAccountId,
        String publicBaseUrl,
        StatusTiming statusTiming,
        ServiceWindow serviceWindow,
        Set<String> allowedRecipients,
        int throughputPerSecond,
        PairRate pairRate,
        int messageLogCapacity,
        long mediaCapacityBytes,
        WebhookDelivery webhookDelivery,
        FaultSettings faults,
        Payments payments,
        RazorpayConfig razorpay) {

    public static final String DEFAULT_PHONE_NUMBER_ID = "106540352242922";

    /** Delays after acceptance; a null delay means that status is never reported. */
    public record StatusTiming(Duration sent, Duration delivered, Duration read) {
        public static StatusTiming none() {
            return new StatusTiming(null, null, null);
        }
    }

    /** The 24-hour customer service window: enforced or not, and whether 131047 comes in the response or as a failed status. */
    public record ServiceWindow(boolean enforced, ErrorDelivery errors) {
        public enum ErrorDelivery { RESPONSE, WEBHOOK }
    }

    /** Meta's pair rate: bursts of {@code burst} messages to one recipient, refilled at one per {@code interval}. */
    public record PairRate(int burst, Duration interval) {
    }

    public record WebhookDelivery(int maxAttempts, Duration firstBackoff) {
    }

    /**
     * WhatsApp Payments (India) in PG mode.
     *
     * @param configurations   the WABA's payment configurations by name, with their status ({@code Active},
     *                         {@code Needs Testing}, {@code Needs Connecting}); an order naming another or a non-active
     *                         one is accepted, and fails when the citizen pays
     * @param termsAccepted    false: the Payments Terms of Service are pending, payment calls answer 131005
     * @param pendingAfter     after the citizen pays, when the {@code pending} payment status is reported
     * @param settleAfter      after that, when the payment is captured (or fails)
     * @param lateWebhookAfter how late the {@code late_webhook} outcome reports the capture
     * @param orderCapacity    orders kept, oldest forgotten first
     */
    public record Payments(Map<String, String> configurations, boolean termsAccepted, Duration pendingAfter, Duration settleAfter,
                           Duration lateWebhookAfter, int orderCapacity) {

        public static final String DEFAULT_CONFIGURATION = "seva-razorpay";

        public Payments {
            configurations = configurations == null ? Map.of() : Map.copyOf(configurations);
        }

        /** {@code seva-razorpay} active, terms accepted, pending after 20 ms, captured 50 ms later, late webhooks 300 ms late. */
        public static Payments defaults() {
            return new Payments(Map.of(DEFAULT_CONFIGURATION, "Active"), true, Duration.ofMillis(20), Duration.ofMillis(50),
                    Duration.ofMillis(300), 10_000);
        }

        /** Whether a configuration of this name exists and is Active (compared without case, as Meta's spellings vary). */
        public boolean active(String name) {
            String status = configurations.get(name);
            return status != null && status.trim().equalsIgnoreCase("active");
        }
    }

    public StandInConfig {
        phoneNumberIds = phoneNumberIds == null ? Set.of() : Set.copyOf(phoneNumberIds);
        allowedRecipients = allowedRecipients == null ? Set.of() : Set.copyOf(allowedRecipients);
        statusTiming = statusTiming == null ? StatusTiming.none() : statusTiming;
        serviceWindow = serviceWindow == null ? new ServiceWindow(false, ServiceWindow.ErrorDelivery.RESPONSE) : serviceWindow;
        webhookDelivery = webhookDelivery == null ? new WebhookDelivery(5, Duration.ofSeconds(1)) : webhookDelivery;
        faults = faults == null ? FaultSettings.none() : faults;
        payments = payments == null ? Payments.defaults() : payments;
        razorpay = razorpay == null ? RazorpayConfig.defaults() : razorpay;
    }

    /**
     * For tests: token {@code test-access-token}, secret {@code test-app-secret}, no webhooks, any
     * business number, statuses sent/delivered/read after 50/100/150 ms, no window, no limits; payments with the
     * active configuration {@code seva-razorpay} and fast timing; Razorpay with its default keys and no webhooks.
     */
    public static StandInConfig defaults() {
        return new StandInConfig("test-access-token", "test-app-secret", null, Set.of(), "15550783881", "102290129340398",
                null, new StatusTiming(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(150)),
                new ServiceWindow(false, ServiceWindow.ErrorDelivery.RESPONSE), Set.of(), 0, null, 100_000,
                128L * 1024 * 1024, new WebhookDelivery(5, Duration.ofSeconds(1)), FaultSettings.none(), Payments.defaults(),
                RazorpayConfig.defaults());
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The business number webhooks of citizens' messages go to when none is named. */
    public String defaultPhoneNumberId() {
        return phoneNumberIds.isEmpty() ? DEFAULT_PHONE_NUMBER_ID : phoneNumberIds.iterator().next();
    }

    /** Changes some settings of a configuration. */
    public static final class Builder {
        private String accessToken;
        private String appSecret;
        private URI webhookUrl;
        private Set<String> phoneNumberIds;
        private String displayPhoneNumber;
        private String businessAccountId;
        private String publicBaseUrl;
        private StatusTiming statusTiming;
        private ServiceWindow serviceWindow;
        private Set<String> allowedRecipients;
        private int throughputPerSecond;
        private PairRate pairRate;
        private int messageLogCapacity;
        private long mediaCapacityBytes;
        private WebhookDelivery webhookDelivery;
        private FaultSettings faults;
        private Payments payments;
        private RazorpayConfig razorpay;

        private Builder(StandInConfig c) {
            accessToken = c.accessToken;
            appSecret = c.appSecret;
            webhookUrl = c.webhookUrl;
            phoneNumberIds = c.phoneNumberIds;
            displayPhoneNumber = c.displayPhoneNumber;
            businessAccountId = c.businessAccountId;
            publicBaseUrl = c.publicBaseUrl;
            statusTiming = c.statusTiming;
            serviceWindow = c.serviceWindow;
            allowedRecipients = c.allowedRecipients;
            throughputPerSecond = c.throughputPerSecond;
            pairRate = c.pairRate;
            messageLogCapacity = c.messageLogCapacity;
            mediaCapacityBytes = c.mediaCapacityBytes;
            webhookDelivery = c.webhookDelivery;
            faults = c.faults;
            payments = c.payments;
            razorpay = c.razorpay;
        }

        public Builder accessToken(String v) { accessToken = v; return this; }
        public Builder appSecret(String v) { appSecret = v; return this; }
        public Builder webhookUrl(URI v) { webhookUrl = v; return this; }
        public Builder phoneNumberIds(Set<String> v) { phoneNumberIds = v; return this; }
        public Builder displayPhoneNumber(String v) { displayPhoneNumber = v; return this; }
        public Builder businessAccountId(String v) { businessAccountId = v; return this; }
        public Builder publicBaseUrl(String v) { publicBaseUrl = v; return this; }
        public Builder statusTiming(StatusTiming v) { statusTiming = v; return this; }
        public Builder serviceWindow(ServiceWindow v) { serviceWindow = v; return this; }
        public Builder allowedRecipients(Set<String> v) { allowedRecipients = v; return this; }
        public Builder throughputPerSecond(int v) { throughputPerSecond = v; return this; }
        public Builder pairRate(PairRate v) { pairRate = v; return this; }
        public Builder messageLogCapacity(int v) { messageLogCapacity = v; return this; }
        public Builder mediaCapacityBytes(long v) { mediaCapacityBytes = v; return this; }
        public Builder webhookDelivery(WebhookDelivery v) { webhookDelivery = v; return this; }
        public Builder faults(FaultSettings v) { faults = v; return this; }
        public Builder payments(Payments v) { payments = v; return this; }
        public Builder razorpay(RazorpayConfig v) { razorpay = v; return this; }

        public StandInConfig build() {
            return new StandInConfig(accessToken, appSecret, webhookUrl, phoneNumberIds, displayPhoneNumber, businessAccountId,
                    publicBaseUrl, statusTiming, serviceWindow, allowedRecipients, throughputPerSecond, pairRate,
                    messageLogCapacity, mediaCapacityBytes, webhookDelivery, faults, payments, razorpay);
        }
    }
}
