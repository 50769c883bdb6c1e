package dev.seva.notification.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** notification-service's operational metrics, named {@code seva_notification_*} in Prometheus. */
@ApplicationScoped
public class NotificationMetrics {

    private final MeterRegistry registry;
    private final Timer commandToAccepted;
    private final Timer apiLatency;
    private final Timer throttleWait;

    public NotificationMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.commandToAccepted = latency("seva.notification.command.to.accepted",
                "From the command written to whatsapp.outbound.v1 to Meta accepting the message");
        this.apiLatency = latency("seva.notification.api.latency", "One Graph API call, answer or timeout");
        this.throttleWait = latency("seva.notification.throttle.wait", "Waiting for a throughput token of the business number");
    }

    private Timer latency(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(120)).register(registry);
    }

    /** Registers the gauge of commands being delivered (held strongly: the lanes live as long as the consumer). */
    public void inFlight(KeyedLanes lanes) {
        Gauge.builder("seva.notification.in.flight", lanes, KeyedLanes::inFlight)
                .description("Commands being delivered now").strongReference(true).register(registry);
    }

    void accepted(String kind, Duration sinceEnqueued) {
        registry.counter("seva.notification.sends", "kind", kind, "outcome", "accepted").increment();
        commandToAccepted.record(sinceEnqueued.isNegative() ? Duration.ZERO : sinceEnqueued);
    }

    void refused(String kind, String code) {
        registry.counter("seva.notification.sends", "kind", kind, "outcome", "refused", "code", code).increment();
    }

    void apiCall(long nanos) {
        apiLatency.record(Duration.ofNanos(nanos));
    }

    void throttled(long nanos) {
        throttleWait.record(Duration.ofNanos(nanos));
    }

    void retry(String reason) {
        registry.counter("seva.notification.retries", "reason", reason).increment();
    }

    void deadLettered(String reason) {
        registry.counter("seva.notification.dead.letters", "reason", reason).increment();
    }

    void duplicate(String reason) {
        registry.counter("seva.notification.duplicates", "reason", reason).increment();
    }

    void fallback(String trigger) {
        registry.counter("seva.notification.fallbacks", "trigger", trigger).increment();
    }

    void status(String status, String outcome) {
        registry.counter("seva.notification.statuses", "status", status, "outcome", outcome).increment();
    }

    void deliveryFailed(String code) {
        registry.counter("seva.notification.delivery.failures", "code", code).increment();
    }

    void media(String event) {
        registry.counter("seva.notification.media", "event", event).increment();
    }

    void erased(String what, int count) {
        registry.counter("seva.notification.erased", "what", what).increment(count);
    }
}
