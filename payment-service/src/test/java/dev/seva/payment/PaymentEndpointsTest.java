package dev.seva.payment;

import dev.seva.devstack.DevstackTestResource;
import dev.seva.devstack.ServiceEndpointsContract;
import dev.seva.payment.support.GatewayStubResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

import java.util.List;

/** Health, readiness over the real broker and database (and the outbox relay), metrics and OpenAPI. */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "payment"))
@QuarkusTestResource(GatewayStubResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class PaymentEndpointsTest extends ServiceEndpointsContract {

    @Override
    protected List<String> readinessMustCover() {
        return List.of("kafka", "postgresql", "outbox");
    }
}
