package dev.seva.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: DOWN while the relay of this instance has failed (standby is healthy: another instance relays). */
@Readiness
@ApplicationScoped
public class OutboxRelayHealthCheck implements HealthCheck {

    @Inject
    OutboxRelay relay;

    @Override
    public HealthCheckResponse call() {
        OutboxRelay.Status status = relay.status();
        return HealthCheckResponse.named("Outbox relay")
                .status(status.state() != OutboxRelay.State.FAILED)
                .withData("state", status.state().name())
                .withData("detail", status.detail())
                .withData("since", status.since().toString())
                .build();
    }
}
