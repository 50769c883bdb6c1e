package dev.seva.notification.support;

import dev.seva.simulator.standin.GraphApiStandIn;
import dev.seva.simulator.standin.StandInConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Meta's Graph API (the whatsapp-simulator stand-in, embedded) and document-service (a stub) for the
 * application under test; both are injected into test fields of their type. One of each per test JVM.
 */
public class NotificationTestResource implements QuarkusTestResourceLifecycleManager {

    private static GraphApiStandIn meta;
    private static DocumentServiceStub documents;

    static synchronized void startOnce() {
        if (meta == null) {
            meta = GraphApiStandIn.start(0, StandInConfig.defaults().toBuilder()
                    .statusTiming(StandInConfig.StatusTiming.none())
                    .messageLogCapacity(200_000)
                    .build());
            documents = new DocumentServiceStub();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                meta.close();
                documents.close();
            }, "graph-api-stand-in-shutdown"));
        }
    }

    @Override
    public Map<String, String> start() {
        startOnce();
        return Map.of(
                "seva.notification.graph.base-url", meta.baseUrl(),
                "seva.notification.documents.base-url", documents.url());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(meta, new TestInjector.MatchesType(GraphApiStandIn.class));
        testInjector.injectIntoFields(documents, new TestInjector.MatchesType(DocumentServiceStub.class));
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; closed at JVM exit.
    }
}
