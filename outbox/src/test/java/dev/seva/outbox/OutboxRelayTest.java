package dev.seva.outbox;

import dev.seva.contracts.ContractExamples;
import dev.seva.contracts.ContractViolationException;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.Topics;
import dev.seva.contracts.citizen.CitizenErasureRequested;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The outbox over the real PostgreSQL (logical WAL, pgoutput) and the real broker. */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "outboxtest"))
class OutboxRelayTest {

    static KafkaConsumer<String, String> consumer;
    static final List<ConsumerRecord<String, String>> seen = new CopyOnWriteArrayList<>();

    @Inject
    Outbox outbox;

    @Inject
    MessageLog messageLog;

    @Inject
    OutboxRelay relay;

    Devstack devstack;

    @BeforeEach
    void subscribe() {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new StringDeserializer());
            consumer.subscribe(List.of(Topics.CITIZEN_ERASURE, Topics.CATALOGUE_SERVICES));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> relay.status().state() == OutboxRelay.State.RUNNING);
    }

    @AfterAll
    static void close() {
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
    }

    @Test
    @RunOnVertxContext
    void committedEventIsRelayedWithKeyHeadersAndValueThenItsRowIsDeleted(UniAsserter asserter) {
        CitizenErasureRequested event = erasure();
        asserter.execute(() -> Panache.withTransaction(() -> outbox.append(Topics.CITIZEN_ERASURE, event.citizenRef(), event)));
        asserter.execute(() -> {
            ConsumerRecord<String, String> record = awaitRecord(event.eventId());
            assertThat(record.topic()).isEqualTo(Topics.CITIZEN_ERASURE);
            assertThat(record.key()).isEqualTo(event.citizenRef());
            assertThat(header(record, "eventType")).isEqualTo(CitizenErasureRequested.EVENT_TYPE);
            assertThat(record.value()).contains("\"reason\":\"citizen_request\"");
            await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows(event.eventId()) == 0);
        });
    }

    @Test
    void thePublicationStreamsOnlyInserts() throws Exception {
        // The relay deletes every row it relayed: a publication of deletes too would have the walsender decode and
        // send one delete per relayed row, only for the relay to skip it.
        assertThat(published()).as("insert, update, delete, truncate").containsExactly(true, false, false, false);
        // A publication made before (publishing everything) is set to inserts only when the relay next prepares.
        var pg = devstack.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("outboxtest"), pg.user(), pg.password());
             var st = c.createStatement()) {
            st.execute("ALTER PUBLICATION seva_outbox_outboxtest SET (publish = 'insert, update, delete, truncate')");
        }
        assertThat(published()).containsExactly(true, true, true, true);
        relay.prepare(null);
        assertThat(published()).as("insert, update, delete, truncate after prepare").containsExactly(true, false, false, false);
    }

    private List<Boolean> published() throws Exception {
        var pg = devstack.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("outboxtest"), pg.user(), pg.password());
             var st = c.prepareStatement("SELECT pubinsert, pubupdate, pubdelete, pubtruncate FROM pg_publication WHERE pubname = ?")) {
            st.setString(1, "seva_outbox_outboxtest");
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("the relay's publication exists").isTrue();
                return List.of(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4));
            }
        }
    }

    @Test
    @RunOnVertxContext
    void rolledBackTransactionRelaysNothing(UniAsserter asserter) {
        CitizenErasureRequested rolledBack = erasure();
        CitizenErasureRequested marker = erasure();
        asserter.execute(() -> Panache.withTransaction(() -> outbox.append(Topics.CITIZEN_ERASURE, rolledBack.citizenRef(), rolledBack)
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("the state change failed"))))
                .onFailure().recoverWithNull());
        asserter.execute(() -> Panache.withTransaction(() -> outbox.append(Topics.CITIZEN_ERASURE, marker.citizenRef(), marker)));
        asserter.execute(() -> {
            awaitRecord(marker.eventId());
            assertThat(seenWith(rolledBack.eventId())).isEmpty();
        });
    }

    @Test
    @RunOnVertxContext
    void anEventThatBreaksItsContractCannotBeAppended(UniAsserter asserter) {
        CitizenErasureRequested broken = new CitizenErasureRequested(EventIds.random(), CitizenErasureRequested.EVENT_TYPE,
                Instant.now(), "not-a-citizen-ref", CitizenErasureRequested.Reason.CITIZEN_REQUEST);
        asserter.execute(() -> assertThatThrownBy(() -> outbox.append(Topics.CITIZEN_ERASURE, "k", broken))
                .isInstanceOf(ContractViolationException.class).hasMessageContaining("/citizenRef"));
    }

    @Test
    @RunOnVertxContext
    void tombstoneIsRelayedAsANullValue(UniAsserter asserter) {
        UUID eventId = EventIds.random();
        asserter.execute(() -> Panache.withTransaction(() -> outbox.appendTombstone(Topics.CATALOGUE_SERVICES, "rev-retired-service",
                eventId, "catalogue.service.retired")));
        asserter.execute(() -> {
            ConsumerRecord<String, String> record = awaitRecord(eventId);
            assertThat(record.key()).isEqualTo("rev-retired-service");
            assertThat(record.value()).isNull();
        });
    }

    @Test
    @RunOnVertxContext
    void eventsCommittedWhileTheRelayIsDownArriveOnceItIsBack(UniAsserter asserter) {
        List<CitizenErasureRequested> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(erasure());
        }
        asserter.execute(() -> relay.onStop(null));
        asserter.execute(() -> Panache.withTransaction(() -> Uni.join().all(events.stream()
                .map(e -> outbox.append(Topics.CITIZEN_ERASURE, e.citizenRef(), e)).toList()).andFailFast()).replaceWithVoid());
        asserter.execute(() -> relay.onStart(null));
        asserter.execute(() -> {
            events.forEach(e -> awaitRecord(e.eventId()));
            // And a restart after relaying does not relay them again (offsets were stored). The relay
            // is at-least-once: a stop between Kafka's ack and the offset save would relay a batch again,
            // so the restart waits for the rows' deletion, which follows the offset save.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (CitizenErasureRequested e : events) {
                    if (outboxRows(e.eventId()) != 0) {
                        return false;
                    }
                }
                return true;
            });
            relay.onStop(null);
            relay.onStart(null);
            CitizenErasureRequested marker = erasure();
            return Panache.withTransaction(() -> outbox.append(Topics.CITIZEN_ERASURE, marker.citizenRef(), marker))
                    .invoke(() -> {
                        awaitRecord(marker.eventId());
                        events.forEach(e -> assertThat(seenWith(e.eventId())).as("copies of %s", e.eventId()).hasSize(1));
                    });
        });
    }

    @Test
    @RunOnVertxContext
    void rowsCommittedBeforeTheReplicationSlotExistedAreStillRelayed(UniAsserter asserter) {
        // As on a first start (a catalogue seeded before the relay ran) or after a slot was lost.
        List<CitizenErasureRequested> events = List.of(erasure(), erasure(), erasure());
        asserter.execute(() -> {
            relay.pause();
            await().atMost(Duration.ofSeconds(30)).until(() -> dropSlot("seva_outbox_outboxtest"));
        });
        asserter.execute(() -> Panache.withTransaction(() -> Uni.join().all(events.stream()
                .map(e -> outbox.append(Topics.CITIZEN_ERASURE, e.citizenRef(), e)).toList()).andFailFast()).replaceWithVoid());
        asserter.execute(() -> {
            relay.prepare(null);
            relay.resume();
            events.forEach(e -> awaitRecord(e.eventId()));
            await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows(events.get(0).eventId()) == 0);
        });
        // And streaming goes on from the new slot (the old slot's stored offsets were forgotten), once each.
        CitizenErasureRequested after = erasure();
        asserter.execute(() -> Panache.withTransaction(() -> outbox.append(Topics.CITIZEN_ERASURE, after.citizenRef(), after)));
        asserter.execute(() -> {
            awaitRecord(after.eventId());
            events.forEach(e -> assertThat(seenWith(e.eventId())).as("copies of %s", e.eventId()).hasSize(1));
        });
    }

    @Test
    @RunOnVertxContext
    void rowsOfOneKeyReachKafkaInTheOrderTheyWereWrittenWhateverTheBatches(UniAsserter asserter) {
        // This test's relay hands Debezium batches of one row (conversation-service's setting): order per key must not
        // depend on rows arriving in one batch. Thirty rows for one citizen, written one after the other in one transaction.
        String citizenRef = "cit_" + UUID.randomUUID().toString().replace("-", "");
        List<CitizenErasureRequested> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            CitizenErasureRequested e = erasure();
            events.add(new CitizenErasureRequested(e.eventId(), e.eventType(), e.occurredAt(), citizenRef, e.reason()));
        }
        asserter.execute(() -> Panache.withTransaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (CitizenErasureRequested e : events) {
                chain = chain.chain(() -> outbox.append(Topics.CITIZEN_ERASURE, citizenRef, e));
            }
            return chain;
        }));
        asserter.execute(() -> {
            awaitRecord(events.get(events.size() - 1).eventId());
            events.forEach(e -> awaitRecord(e.eventId()));
            List<String> arrived = seen.stream().filter(r -> citizenRef.equals(r.key())).map(r -> header(r, "eventId")).toList();
            assertThat(arrived).containsExactlyElementsOf(events.stream().map(e -> e.eventId().toString()).toList());
        });
    }

    @Test
    @RunOnVertxContext
    void messageLogAnswersFirstDeliveryOnlyOnce(UniAsserter asserter) {
        UUID eventId = EventIds.random();
        asserter.assertThat(() -> Panache.withTransaction(() -> messageLog.firstDelivery(eventId, Topics.WHATSAPP_INBOUND)),
                first -> assertThat(first).isTrue());
        asserter.assertThat(() -> Panache.withTransaction(() -> messageLog.firstDelivery(eventId, Topics.WHATSAPP_INBOUND)),
                again -> assertThat(again).isFalse());
    }

    private static CitizenErasureRequested erasure() {
        CitizenErasureRequested example = ContractExamples.load("citizen.erasure.v1", "citizen-request", CitizenErasureRequested.class);
        String ref = "cit_" + UUID.randomUUID().toString().replace("-", "");
        return new CitizenErasureRequested(EventIds.random(), example.eventType(), Instant.now(), ref, example.reason());
    }

    private static ConsumerRecord<String, String> awaitRecord(UUID eventId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            return !seenWith(eventId).isEmpty();
        });
        return seenWith(eventId).get(0);
    }

    private static List<ConsumerRecord<String, String>> seenWith(UUID eventId) {
        return seen.stream().filter(r -> eventId.toString().equals(header(r, "eventId"))).toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private boolean dropSlot(String slot) {
        var pg = devstack.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("outboxtest"), pg.user(), pg.password());
             var st = c.createStatement()) {
            st.execute("SELECT pg_drop_replication_slot('" + slot + "')");
            return true;
        } catch (Exception e) {
            return false; // still active: the engine is stopping
        }
    }

    private long outboxRows(UUID eventId) throws Exception {
        var pg = devstack.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("outboxtest"), pg.user(), pg.password());
             var st = c.prepareStatement("SELECT count(*) FROM outbox WHERE id = ?")) {
            st.setObject(1, eventId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
