package dev.seva.conversation;

import dev.seva.devstack.ServiceEndpointsContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

/** Health, readiness over the real broker and database, metrics and OpenAPI. */
@QuarkusTest
@QuarkusTestResource(ConversationTestResource.class)
class ConversationEndpointsTest extends ServiceEndpointsContract {

    @Override
    protected List<String> readinessMustCover() {
        return List.of("kafka", "postgresql", "outbox relay");
    }
}
