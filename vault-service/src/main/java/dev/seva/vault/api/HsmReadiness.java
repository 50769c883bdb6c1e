package dev.seva.vault.api;

import dev.seva.vault.service.HsmKeyWrapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the PKCS#11 token answers and holds the current KEK: without it the vault can answer nothing. */
@Readiness
@ApplicationScoped
public class HsmReadiness implements HealthCheck {

    @Inject
    HsmKeyWrapping hsm;

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.named("vault-hsm").status(hsm.ready()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("vault-hsm").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
