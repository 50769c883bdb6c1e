package dev.seva.devstack;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The devstack's broker and database are real: Quarkus talks to them, and plain clients see the result. */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "seva"))
class DevstackIsRealTest {

    @Inject
    ProbeSender sender;

    Devstack devstack;

    @Test
    void recordSentThroughQuarkusChannelIsReadBackWithAPlainKafkaConsumer() throws Exception {
        String value = "probe-" + UUID.randomUUID();
        sender.send("citizen-1", value).get(30, TimeUnit.SECONDS);

        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("devstack.probe.v1"));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> r.value().equals(value));
            });
            assertThat(seen).filteredOn(r -> r.value().equals(value)).singleElement()
                    .satisfies(r -> assertThat(r.key()).isEqualTo("citizen-1"));
        }
    }

    @Test
    @RunOnVertxContext
    void entityPersistedWithPanacheIsReadBackInANewTransaction(UniAsserter asserter) {
        String note = "note-" + UUID.randomUUID();
        asserter.execute(() -> Panache.withTransaction(() -> {
            Probe probe = new Probe();
            probe.note = note;
            return probe.persist();
        }));
        asserter.assertThat(() -> Panache.withTransaction(() -> Probe.<Probe>find("note", note).firstResult()),
                found -> assertThat(found.note).isEqualTo(note));
        asserter.execute(() -> assertThat(countWithPlainJdbc(note)).isEqualTo(1));
    }

    private int countWithPlainJdbc(String note) {
        PostgresAddress pg = devstack.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("seva"), pg.user(), pg.password());
             var st = c.prepareStatement("SELECT count(*) FROM probe WHERE note = ?")) {
            st.setString(1, note);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
