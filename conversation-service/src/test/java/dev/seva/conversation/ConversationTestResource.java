package dev.seva.conversation;

import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import dev.seva.devstack.ServiceProcess;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The devstack with conversation's database, and the real catalogue-service running beside it as a
 * process (its packaged jar) on the same broker and PostgreSQL, and vault-service's API played by {@link FakeVault}.
 */
public class ConversationTestResource extends DevstackTestResource {

    private static ServiceProcess catalogue;

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of("database", "conversation"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("quarkus.rest-client.catalogue.url", catalogue().url());
        // vault-service's API, played in the test JVM (FakeVault)
        config.put("seva.conversation.vault-url", FakeVault.instance().url());
        return config;
    }

    static synchronized ServiceProcess catalogue() {
        if (catalogue == null) {
            Map<String, String> env = ServiceProcess.devstackEnvironment(Devstack.forTests(), "catalogue");
            env.put("OIDC_AUTH_SERVER_URL", "http://127.0.0.1:1/realms/unused");
            catalogue = ServiceProcess.start("catalogue-service", ServiceProcess.jarOf("catalogue-service"), env, Duration.ofSeconds(180));
        }
        return catalogue;
    }
}
