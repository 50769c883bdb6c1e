package dev.seva.gateway;

import dev.seva.devstack.DevstackTestResource;
import dev.seva.devstack.ServiceEndpointsContract;
import dev.seva.web.DevelopmentSecretsGuard;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Health, readiness over the real broker, metrics and OpenAPI; the development-secrets guard. */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class)
class GatewayEndpointsTest extends ServiceEndpointsContract {

    @Override
    protected List<String> readinessMustCover() {
        return List.of("kafka");
    }

    @Test
    void theGatewayRunsTheDevelopmentSecretsGuard() {
        // Tried before issue 15: the gateway had no guard, so a pod started with the launcher's public
        // WHATSAPP_APP_SECRET (seva-dev-app-secret) would have accepted webhooks forged by anyone. The
        // guard's refusals themselves are tested in web-support (DevelopmentSecretsGuardTest).
        assertThat(Arc.container().instance(DevelopmentSecretsGuard.class).isAvailable()).isTrue();
    }
}
