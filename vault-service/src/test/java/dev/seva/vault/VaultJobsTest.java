package dev.seva.vault;

import dev.seva.contracts.Topics;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import dev.seva.vault.service.KekRotation;
import dev.seva.vault.service.UnboundPurge;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

import static dev.seva.vault.VaultApiTest.count;
import static dev.seva.vault.VaultTestSupport.AUDITOR;
import static dev.seva.vault.VaultTestSupport.CONVERSATION;
import static dev.seva.vault.VaultTestSupport.GATEWAY;
import static dev.seva.vault.VaultTestSupport.aadhaar;
import static dev.seva.vault.VaultTestSupport.as;
import static dev.seva.vault.VaultTestSupport.citizen;
import static dev.seva.vault.VaultTestSupport.database;
import static dev.seva.vault.VaultTestSupport.tokenize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** What the vault does on its own: erasures from the topic, the purge of unbound tokens, KEK rotation. */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "vault"))
class VaultJobsTest {

    Devstack devstack;

    @Inject
    UnboundPurge purge;

    @Inject
    KekRotation rotation;

    @Test
    void anErasureOnTheTopicDestroysTheCitizensKeyAndNumbers() throws Throwable {
        // Tried: conversation-service's erasure event (citizenRef only, no address) for a citizen with a key and a number.
        String citizen = citizen();
        String token = tokenize(CONVERSATION, aadhaar(), citizen);
        as(CONVERSATION).post("/v1/citizens/" + citizen + "/key").then().statusCode(200);

        String event = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"eventType\":\"citizen.erasure.requested\",\"occurredAt\":\""
                + Instant.now() + "\",\"citizenRef\":\"" + citizen + "\",\"reason\":\"citizen_request\"}";
        // A record that is not an erasure goes first, on the same partition: dead-lettered, it holds nothing up
        send(Topics.CITIZEN_ERASURE, citizen, "{\"not\":\"an erasure\"}");
        send(Topics.CITIZEN_ERASURE, citizen, event);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as(CONVERSATION).post("/v1/citizens/" + citizen + "/key").then().statusCode(410));
        as(AUDITOR).body("{\"purpose\":\"p\",\"actor\":\"a\"}").post("/v1/aadhaar/" + token + "/reveal").then().statusCode(410);
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetterKeys(Topics.deadLetter(Topics.CITIZEN_ERASURE)).contains(citizen));
        try (Connection db = database(devstack); Statement s = db.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM vault_audit WHERE subject = '" + citizen
                    + "' AND action = 'erase' AND client = 'citizen.erasure.v1' AND purpose = 'citizen_request'")).isEqualTo(1);
        }
    }

    @Test
    void unboundTokensArePurgedAfterTheirRetentionAndBoundOnesStay() throws Throwable {
        // Tried: two tokens made two days ago, one bound to a citizen, one never bound; then a fresh unbound one.
        String unbound = tokenize(GATEWAY, aadhaar(), null);
        String bound = tokenize(GATEWAY, aadhaar(), null);
        String fresh = tokenize(GATEWAY, aadhaar(), null);
        as(CONVERSATION).body("{\"citizenRef\":\"" + citizen() + "\"}").post("/v1/aadhaar/" + bound + "/binding").then().statusCode(204);
        try (Connection db = database(devstack); Statement s = db.createStatement()) {
            s.executeUpdate("UPDATE vault_aadhaar SET created_at = now() - interval '2 days' WHERE token IN ('" + unbound + "', '" + bound + "')");
        }

        long purged = VertxContextSupport.subscribeAndAwait(() -> purge.purgeUnbound(Instant.now().minus(Duration.ofHours(24))));

        assertThat(purged).isGreaterThanOrEqualTo(1);
        as(AUDITOR).body("{\"purpose\":\"p\",\"actor\":\"a\"}").post("/v1/aadhaar/" + unbound + "/reveal").then().statusCode(404);
        as(AUDITOR).body("{\"purpose\":\"p\",\"actor\":\"a\"}").post("/v1/aadhaar/" + bound + "/reveal").then().statusCode(200);
        as(AUDITOR).body("{\"purpose\":\"p\",\"actor\":\"a\"}").post("/v1/aadhaar/" + fresh + "/reveal").then().statusCode(200);
    }

    @Test
    void rotationRewrapsEveryKeyWithTheNewKekAndEverythingStillOpens() throws Throwable {
        // Tried: a number and a citizen key wrapped with kek-1; the job run towards kek-2 while one row is
        // locked by another transaction (skipped, counted as pending), then again once it is free; then back.
        String number = aadhaar();
        String citizen = citizen();
        String token = tokenize(CONVERSATION, number, citizen);
        String locked = tokenize(GATEWAY, aadhaar(), null);
        String key = as(CONVERSATION).post("/v1/citizens/" + citizen + "/key").then().statusCode(200).extract().path("key");
        try (Connection db = database(devstack); Statement s = db.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM vault_aadhaar WHERE token = '" + token + "' AND kek_alias = 'kek-1'")).isEqualTo(1);
        }

        try (Connection holder = database(devstack)) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeQuery("SELECT token FROM vault_aadhaar WHERE token = '" + locked + "' FOR UPDATE").close();
            }
            KekRotation.Result partial = VertxContextSupport.subscribeAndAwait(() -> rotation.rewrapAll("kek-2"));
            assertThat(partial.pending()).isEqualTo(1);
            assertThat(partial.rewrapped()).isGreaterThanOrEqualTo(2);
            holder.rollback();
        }
        KekRotation.Result done = VertxContextSupport.subscribeAndAwait(() -> rotation.rewrapAll("kek-2"));
        assertThat(done.pending()).isZero();
        try (Connection db = database(devstack); Statement s = db.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM vault_aadhaar WHERE kek_alias <> 'kek-2'")).isZero();
            assertThat(count(s, "SELECT count(*) FROM vault_citizen_key WHERE kek_alias <> 'kek-2'")).isZero();
        }
        as(AUDITOR).body("{\"purpose\":\"p\",\"actor\":\"a\"}").post("/v1/aadhaar/" + token + "/reveal").then().statusCode(200).body("number", equalTo(number));
        as(AUDITOR).body("{\"purpose\":\"p\",\"actor\":\"a\"}").post("/v1/aadhaar/" + locked + "/reveal").then().statusCode(200);
        as(CONVERSATION).post("/v1/citizens/" + citizen + "/key").then().statusCode(200).body("key", equalTo(key));
        // New rows are still wrapped with the configured KEK (kek-1): and the job brings everything back to it
        String after = tokenize(CONVERSATION, aadhaar(), citizen);
        assertThat(VertxContextSupport.subscribeAndAwait(() -> rotation.rewrapAll("kek-1")).pending()).isZero();
        try (Connection db = database(devstack); Statement s = db.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM vault_aadhaar WHERE kek_alias <> 'kek-1'")).isZero();
            assertThat(count(s, "SELECT count(*) FROM vault_aadhaar WHERE token = '" + after + "'")).isEqualTo(1);
        }
        as(CONVERSATION).post("/v1/citizens/" + citizen + "/key").then().statusCode(200).body("key", equalTo(key));
    }

    private java.util.List<String> deadLetterKeys(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "vault-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(java.util.List.of(topic));
            java.util.List<String> keys = new java.util.ArrayList<>();
            consumer.poll(Duration.ofSeconds(3)).forEach(r -> keys.add(r.key()));
            return keys;
        }
    }

    private void send(String topic, String key, String value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }
}
