package dev.seva.desk;

import dev.seva.devstack.DevstackTestResource;
import dev.seva.devstack.ServiceEndpointsContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

import java.util.List;

/** Health, readiness over the real broker and database (and the outbox relay), metrics and OpenAPI; the same resources as DeskServiceTest, so one start serves both. */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "desk"))
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(StandIns.class)
@QuarkusTestResource(VaultStandIn.class)
class DeskEndpointsTest extends ServiceEndpointsContract {

    @Override
    protected List<String> readinessMustCover() {
        return List.of("kafka", "postgresql", "outbox");
    }
}
