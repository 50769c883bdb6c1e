package dev.seva.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the real Kafka broker and PostgreSQL of this JVM's devstack.
 * Use {@code @QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "conversation"))}
 * or {@code @WithTestResource}; the database is created if missing. Without a database argument only Kafka is configured. The devstack outlives the
 * application (several test classes share it) and stops when the test JVM ends.
 */
public class DevstackTestResource implements QuarkusTestResourceLifecycleManager {

    /** The service's database; none for a service without PostgreSQL (then only Kafka is configured). */
    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
    }

    @Override
    public Map<String, String> start() {
        Devstack devstack = Devstack.forTests();
        return database == null ? devstack.kafkaConfig() : devstack.quarkusConfig(database);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(Devstack.forTests(), new TestInjector.MatchesType(Devstack.class));
    }

    @Override
    public void stop() {
        // The devstack belongs to the JVM, not to one application start: see Devstack.forTests().
    }
}
