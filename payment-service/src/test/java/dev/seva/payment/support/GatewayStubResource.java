package dev.seva.payment.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points payment-service's REST clients at the {@link GatewayStub} (one per test JVM), and injects it into test fields of its type. */
public class GatewayStubResource implements QuarkusTestResourceLifecycleManager {

    private static GatewayStub stub;

    static synchronized GatewayStub stub() {
        if (stub == null) {
            stub = new GatewayStub();
        }
        return stub;
    }

    @Override
    public Map<String, String> start() {
        String base = stub().baseUrl();
        return Map.of("quarkus.rest-client.meta-graph.url", base,
                "quarkus.rest-client.razorpay.url", base + "/razorpay/v1",
                "quarkus.rest-client.meta-graph.read-timeout", "2000",
                "quarkus.rest-client.razorpay.read-timeout", "2000");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(stub(), new TestInjector.MatchesType(GatewayStub.class));
    }

    @Override
    public void stop() {
        // One stub for the JVM: several test classes share the application.
    }
}
