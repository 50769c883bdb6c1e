package dev.seva.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
}
