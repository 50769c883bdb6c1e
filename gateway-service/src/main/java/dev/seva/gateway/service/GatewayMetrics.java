package dev.seva.gateway.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** The gateway's operational counters, named {@code seva_gateway_*} in Prometheus. */
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final Counter received;
    private final Timer publishLatency;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.received = Counter.builder("seva.gateway.webhooks.received")
                .description("Webhook POSTs received, before any check").register(registry);
        this.publishLatency = Timer.builder("seva.gateway.publish.latency")
                .description("From a verified webhook to every record acknowledged by Kafka")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    void received() {
        received.increment();
    }

    void rejected(String reason) {
        registry.counter("seva.gateway.webhooks.rejected", "reason", reason).increment();
    }

    void ignored(String reason, int count) {
        registry.counter("seva.gateway.webhook.parts.ignored", "reason", reason).increment(count);
    }

    void published(String topic, String type) {
        registry.counter("seva.gateway.events.published", "topic", topic, "type", type).increment();
    }

    void deadLettered(String topic, String reason) {
        registry.counter("seva.gateway.events.dead.lettered", "topic", topic, "reason", reason).increment();
    }

    /**
     * A message over the per-sender cap, not published. The name is shared with conversation-service's
     * soft limit ({@code stage="conversation"}) so that one alert watches both.
     */
    void throttled() {
        registry.counter("seva.intake.throttled", "stage", "gateway").increment();
    }

    /** Aadhaar numbers replaced by vault tokens before Kafka. */
    void aadhaarTokenized(int count) {
        registry.counter("seva.gateway.aadhaar.tokenized").increment(count);
    }

    void publishLatency(long nanos) {
        publishLatency.record(Duration.ofNanos(nanos));
    }
}
