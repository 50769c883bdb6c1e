package dev.seva.document;

import dev.seva.devstack.DevstackTestResource;
import dev.seva.devstack.ServiceEndpointsContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

/** Health, readiness over the real broker and database, metrics and OpenAPI. */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "document"))
@QuarkusTestResource(VaultStandIn.class)
class DocumentEndpointsTest extends ServiceEndpointsContract {

    @Override
    protected List<String> readinessMustCover() {
        return List.of("kafka", "postgresql");
    }
}
