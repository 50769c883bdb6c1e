package dev.seva.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * vault-service for the application under test: one {@link FakeVault} per test JVM (vault-service is an
 * external dependency of the gateway, written elsewhere), injected into test fields of its type.
 */
public class FakeVaultResource implements QuarkusTestResourceLifecycleManager {

    private static FakeVault vault;

    private static synchronized FakeVault vault() {
        if (vault == null) {
            vault = new FakeVault();
            Runtime.getRuntime().addShutdownHook(new Thread(vault::close, "fake-vault-shutdown"));
        }
        return vault;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("seva.gateway.vault-url", vault().url(), "seva.gateway.vault-timeout", "1s");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(vault(), new TestInjector.MatchesType(FakeVault.class));
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; closed at JVM exit.
    }
}
