package dev.seva.gateway;

import dev.seva.devstack.DevstackTestResource;
import dev.seva.devstack.ServiceEndpointsContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

/** Health, readiness over the real broker, metrics and OpenAPI. */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class)
class GatewayEndpointsTest extends ServiceEndpointsContract {

    @Override
    protected List<String> readinessMustCover() {
        return List.of("kafka");
    }
}
