package dev.seva.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The gateway's settings; secrets come only from the environment (see application.properties). */
@ConfigMapping(prefix = "seva.gateway")
public interface GatewayConfig {

    /** App secrets that may sign webhooks (WHATSAPP_APP_SECRET, comma-separated: current first, then the ones being rotated out). */
    List<String> appSecrets();

    /** The token Meta echoes in the verification handshake (WHATSAPP_VERIFY_TOKEN). */
    String verifyToken();

    /** Business phone number ids we serve (WHATSAPP_PHONE_NUMBER_IDS); changes for other numbers are ignored and counted. */
    Set<String> phoneNumberIds();

    /** Largest webhook body accepted. Meta documents payloads of up to 3 MB, so 3 MiB. */
    @WithDefault("3145728")
    int maxBodyBytes();

    /** How long to wait for Kafka to acknowledge every record of a webhook before answering 503. */
    @WithDefault("5s")
    Duration publishTimeout();

    /** Bodies larger than this are parsed on a worker thread, so one big payload cannot stall the event loop. */
    @WithDefault("65536")
    int inlineParseLimitBytes();

    /** vault-service, which turns each Aadhaar number found in a citizen's text into a token before Kafka (VAULT_URL). */
    URI vaultUrl();

    /** The gateway's own bearer secret at vault-service (VAULT_CLIENT_SECRET; the vault allows it only to tokenize). */
    String vaultClientSecret();

    /** How long one vault call may take; a webhook waiting longer is answered 503 and Meta redelivers it. */
    @WithDefault("2s")
    Duration vaultTimeout();

    /** The per-sender hard cap on messages (statuses are never capped). */
    Flood flood();

    /** A token bucket per sender: {@code messages} per {@code period} sustained, up to {@code burst} at once. */
    interface Flood {

        /** Messages a sender may send per period, sustained. */
        @WithDefault("30")
        int messages();

        @WithDefault("10s")
        Duration period();

        /** The bucket's size: messages a sender may send at once after a quiet period. */
        @WithDefault("30")
        int burst();

        /** Senders remembered at most (least recently seen forgotten first), so a flood of numbers cannot fill the heap. */
        @WithDefault("100000")
        int maxSenders();
    }
}
