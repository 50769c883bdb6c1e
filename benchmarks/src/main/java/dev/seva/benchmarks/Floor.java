package dev.seva.benchmarks;

import dev.seva.contracts.EventJson;
import dev.seva.contracts.whatsapp.WebhookSigning;
import dev.seva.simulator.standin.GraphApiStandIn;
import dev.seva.simulator.standin.StandInConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The floor (issue 16): what the bare steps of a citizen message cost on the same machine, in the same run, with the
 * platform idle: a signed webhook verified, parsed and produced to Kafka with {@code acks=all}; a Kafka record consumed
 * and its offset committed; a PostgreSQL transaction of the shape of a conversation step (message log insert, session
 * update, outbox insert, commit); a Graph API call to the simulator's stand-in. Each is done one at a time, as a
 * consumer handles its partition, after a warm-up; its cost is this JVM's CPU plus the broker's or PostgreSQL's
 * (the platform's own processes are idle meanwhile, and their idle cost over the same seconds is small beside it).
 * The Graph API call's figure holds both ends (client and stand-in are in this JVM): a bound from above for the
 * caller's share. PostgreSQL's figure includes what its walsenders spend decoding this transaction's WAL: every
 * relay's walsender decodes the whole cluster's WAL, the platform's own transactions pay it too.
 */
final class Floor {

    private static final String TOPIC = "bench.floor.v1";
    private static final int WARMUP = 1_000;
    private static final int MEASURED = 3_000;

    record StepCost(String step, double msPerStep, String where) {
    }

    private final ProcessCpu cpu;
    private final String bootstrap;
    private final String jdbcUrl;
    private final String user;
    private final String password;

    Floor(ProcessCpu cpu, String bootstrap, String jdbcUrl, String user, String password) {
        this.cpu = cpu;
        this.bootstrap = bootstrap;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    List<StepCost> measure() throws Exception {
        createTopic();
        StepCost webhook = webhookIntoKafka();
        StepCost consumed = recordConsumedAndCommitted();
        StepCost transaction = postgresTransaction();
        StepCost graph = graphApiCall();
        return List.of(webhook, consumed, transaction, graph);
    }

    /**
     * The floor of a citizen message: the bare steps times how often a message needs them ({@code replies} replies, each
     * with a Graph API call and three status webhooks; each webhook's record consumed once; a conversation transaction,
     * and per reply the delivery's claim, acceptance and three status updates).
     */
    static String report(List<StepCost> steps, double repliesPerMessage) {
        double webhooks = 1 + 3 * repliesPerMessage;
        double records = webhooks + repliesPerMessage; // the inbound and status records, and the send commands
        double transactions = 1 + 5 * repliesPerMessage;
        double calls = repliesPerMessage;
        double[] counts = {webhooks, records, transactions, calls};
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%n## The floor (bare steps on this machine, this run, platform idle; "
                + "%d each after %d of warm-up, one at a time)%n%n| step | CPU ms per step | counted in | per citizen message (%.2f replies each) | ms per citizen message |%n"
                + "|---|---|---|---|---|%n", MEASURED, WARMUP, repliesPerMessage));
        double total = 0;
        for (int i = 0; i < steps.size(); i++) {
            StepCost s = steps.get(i);
            double ms = s.msPerStep() * counts[i];
            total += ms;
            t.append(String.format(Locale.ROOT, "| %s | %.3f | %s | %.1f | %.2f |%n", s.step(), s.msPerStep(), s.where(), counts[i], ms));
        }
        t.append(String.format(Locale.ROOT, "| **floor of a citizen message** | | | | **%.2f** |%n", total));
        return t.toString();
    }

    private void createTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get().contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            }
        }
    }

    private StepCost webhookIntoKafka() throws Exception {
        String secret = "seva-dev-app-secret";
        SecretKeySpec key = WebhookSigning.key(secret);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer())) {
            Runnable one = () -> {
                try {
                    String body = webhookBody();
                    byte[] raw = body.getBytes(StandardCharsets.UTF_8);
                    String signature = WebhookSigning.sign(secret, raw); // Meta's side
                    // What the gateway does before it answers 200 (its WebhookSignature): check the signature, read the JSON,
                    // publish, wait for acks=all.
                    byte[] claimed = HexFormat.of().parseHex(signature.substring(WebhookSigning.PREFIX.length()));
                    if (!MessageDigest.isEqual(WebhookSigning.hmac(key, raw), claimed)) {
                        throw new IllegalStateException("signature");
                    }
                    var json = EventJson.mapper().readTree(raw);
                    String from = json.at("/entry/0/changes/0/value/messages/0/from").asText();
                    producer.send(new ProducerRecord<>(TOPIC, from, EventJson.mapper().writeValueAsString(json))).get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            return timed("signed webhook verified, parsed and produced (acks=all, waited for)", one, ProcessCpu.KAFKA);
        }
    }

    private StepCost recordConsumedAndCommitted() throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-floor-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            Runnable one = () -> {
                for (int tries = 0; tries < 100; tries++) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        EventJson.mapper().valueToTree(r.value());
                        consumer.commitSync(Map.of(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1)));
                        return;
                    }
                }
                throw new IllegalStateException("no record to consume");
            };
            return timed("Kafka record consumed and its offset committed", one, ProcessCpu.KAFKA);
        }
    }

    private StepCost postgresTransaction() throws Exception {
        try (Connection admin = DriverManager.getConnection(jdbcUrl + "postgres", user, password); Statement st = admin.createStatement()) {
            var exists = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'bench_floor'");
            if (!exists.next()) {
                st.execute("CREATE DATABASE bench_floor");
            }
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl + "bench_floor", user, password)) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS message_log (event_id uuid PRIMARY KEY, topic text NOT NULL, received_at timestamptz NOT NULL DEFAULT now())");
                st.execute("CREATE TABLE IF NOT EXISTS session (citizen_ref text PRIMARY KEY, data text NOT NULL, version bigint NOT NULL)");
                st.execute("CREATE TABLE IF NOT EXISTS outbox (id uuid PRIMARY KEY, topic text NOT NULL, record_key text, event_type text NOT NULL, "
                        + "payload text, headers text, created_at timestamptz NOT NULL DEFAULT now())");
                st.execute("INSERT INTO session VALUES ('cit_floor', '{}', 0) ON CONFLICT DO NOTHING");
            }
            c.setAutoCommit(false);
            String session = "x".repeat(600);
            String payload = "y".repeat(900);
            try (PreparedStatement log = c.prepareStatement("INSERT INTO message_log (event_id, topic) VALUES (?, 'whatsapp.inbound.v1') ON CONFLICT DO NOTHING");
                 PreparedStatement update = c.prepareStatement("UPDATE session SET data = ?, version = version + 1 WHERE citizen_ref = 'cit_floor' AND version >= 0");
                 PreparedStatement outbox = c.prepareStatement("INSERT INTO outbox (id, topic, record_key, event_type, payload) VALUES (?, 'whatsapp.outbound.v1', 'cit_floor', 'send', ?)");
                 PreparedStatement delete = c.prepareStatement("DELETE FROM outbox")) {
                Runnable one = () -> {
                    try {
                        log.setObject(1, UUID.randomUUID());
                        log.executeUpdate();
                        update.setString(1, session);
                        update.executeUpdate();
                        outbox.setObject(1, UUID.randomUUID());
                        outbox.setString(2, payload);
                        outbox.executeUpdate();
                        c.commit();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
                StepCost cost = timed("PostgreSQL transaction of a conversation step (3 statements, commit with fsync)", one, ProcessCpu.POSTGRES);
                delete.executeUpdate();
                c.commit();
                return cost;
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(jdbcUrl + "postgres", user, password); Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS bench_floor");
            }
        }
    }

    private StepCost graphApiCall() throws Exception {
        GraphApiStandIn standIn = GraphApiStandIn.start(0, StandInConfig.defaults().toBuilder()
                .accessToken("floor-token").appSecret("floor-secret").webhookUrl(URI.create("http://127.0.0.1:9/none"))
                .statusTiming(StandInConfig.StatusTiming.none()).throughputPerSecond(100_000).messageLogCapacity(1_000).build());
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + standIn.port() + "/v21.0/" + StandInConfig.defaults().defaultPhoneNumberId() + "/messages");
            Runnable one = () -> {
                try {
                    String body = "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"919876543210\",\"type\":\"text\","
                            + "\"text\":{\"preview_url\":false,\"body\":\"Your application SEVA-REV-2026-000123 is with the Mandal Revenue Office.\"},"
                            + "\"biz_opaque_callback_data\":\"" + UUID.randomUUID() + "\"}";
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer floor-token")
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("stand-in answered " + response.statusCode() + ": " + response.body());
                    }
                    EventJson.mapper().readTree(response.body());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            return timed("Graph API call to the stand-in (both ends in this JVM)", one, null);
        } finally {
            standIn.close();
        }
    }

    /** Warms the step up, then runs it {@link #MEASURED} times: CPU of this JVM plus {@code other}'s, per step. */
    private StepCost timed(String step, Runnable one, String other) {
        for (int i = 0; i < WARMUP; i++) {
            one.run();
        }
        Map<String, Long> before = cpu.snapshot();
        for (int i = 0; i < MEASURED; i++) {
            one.run();
        }
        Map<String, Long> used = ProcessCpu.used(before, cpu.snapshot());
        long ms = used.getOrDefault(ProcessCpu.LOAD_GENERATOR, 0L) + (other == null ? 0 : used.getOrDefault(other, 0L));
        return new StepCost(step, (double) ms / MEASURED, other == null ? "this JVM" : "this JVM + " + other);
    }

    private Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 0);
    }

    /** A text message webhook of Meta's shape (about 600 bytes, as the gateway receives them). */
    private static String webhookBody() {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"106540352242922\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Lakshmi\"},\"wa_id\":\"919876543210\"}],"
                + "\"messages\":[{\"from\":\"919876543210\",\"id\":\"wamid." + UUID.randomUUID() + "\",\"timestamp\":\""
                + (System.currentTimeMillis() / 1000) + "\",\"text\":{\"body\":\"status SEVA-REV-2026-000123\"},\"type\":\"text\"}]},"
                + "\"field\":\"messages\"}]}]}";
    }
}
