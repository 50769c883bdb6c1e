package dev.seva.catalogue;

import dev.seva.devstack.ServiceEndpointsContract;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

/** Health, readiness over the real broker and database, metrics and OpenAPI. */
@QuarkusTest
@QuarkusTestResource(CatalogueTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class CatalogueEndpointsTest extends ServiceEndpointsContract {

    @Override
    protected List<String> readinessMustCover() {
        return List.of("kafka", "postgresql", "outbox relay");
    }
}
