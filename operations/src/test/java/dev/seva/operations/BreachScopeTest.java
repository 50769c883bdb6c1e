package dev.seva.operations;

import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackExtension;
import dev.seva.devstack.PostgresAddress;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./seva breach <store>} against the devstack's real PostgreSQL and Kafka, through the tool's entry
 * point: the citizen references on stdout (one per line, sorted, each once), the count on stderr. Tried: a
 * database with the references in several tables (one nullable, as the desk's after erasure), an outbox
 * event with the reference nested in its payload, a table without one; a topic with references at the top
 * and nested, a record without one, one that is not JSON; a store that does not exist; a bad name.
 */
@ExtendWith(DevstackExtension.class)
class BreachScopeTest {

    private record Run(int status, List<String> out, String err) {
    }

    private static Run run(Devstack devstack, String... args) {
        PostgresAddress pg = devstack.postgres();
        Map<String, String> env = Map.of("POSTGRES_HOST", pg.host(), "POSTGRES_PORT", String.valueOf(pg.port()),
                "POSTGRES_USER", pg.user(), "POSTGRES_PASSWORD", pg.password(), "KAFKA_BOOTSTRAP_SERVERS", devstack.kafkaBootstrapServers());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Operations.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String stdout = out.toString(StandardCharsets.UTF_8);
        return new Run(status, stdout.isEmpty() ? List.of() : List.of(stdout.split("\n")), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listsEveryCitizenWhoseDataADatabaseHoldsOnceEach(Devstack devstack) throws Exception {
        PostgresAddress pg = devstack.postgres();
        pg.ensureDatabase("breachscope");
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("breachscope"), pg.user(), pg.password()); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS citizen, application, desk_application, catalogue_service, outbox");
            s.execute("CREATE TABLE citizen (citizen_ref text PRIMARY KEY, language text)");
            s.execute("CREATE TABLE application (reference text PRIMARY KEY, citizen_ref text NOT NULL, answers text)");
            s.execute("CREATE TABLE desk_application (id bigint PRIMARY KEY, citizen_ref text)");
            s.execute("CREATE TABLE catalogue_service (id text PRIMARY KEY, name text)");
            s.execute("CREATE TABLE outbox (id bigint PRIMARY KEY, topic text, payload text)");
            s.execute("INSERT INTO citizen VALUES ('cit_a', 'te'), ('cit_b', 'en')");
            s.execute("INSERT INTO application VALUES ('SEVA-REV-2026-000001', 'cit_a', 'sealed:v1:k:x'), ('SEVA-REV-2026-000002', 'cit_c', '{}')");
            s.execute("INSERT INTO desk_application VALUES (1, 'cit_d'), (2, NULL)");
            s.execute("INSERT INTO catalogue_service VALUES ('rev-income', 'Income certificate')");
            s.execute("INSERT INTO outbox VALUES (1, 'dept.revenue.applications.v1', '{\"eventId\":\"e1\",\"application\":{\"citizenRef\":\"cit_e\"}}'),"
                    + " (2, 'catalogue.services.v1', '{\"serviceId\":\"rev-income\"}'), (3, 'catalogue.services.v1', NULL)");
        }

        Run run = run(devstack, "breach", "breachscope");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).containsExactly("cit_a", "cit_b", "cit_c", "cit_d", "cit_e");
        assertThat(run.err()).startsWith("5 citizens' data in breachscope").contains("application", "citizen", "desk_application", "outbox")
                .doesNotContain("catalogue_service").contains("1 without a citizenRef");
    }

    @Test
    void listsEveryCitizenInATopicFromItsEarliestRecord(Devstack devstack) throws Exception {
        String topic = "dept.breachscope.applications.v1";
        Properties props = new Properties();
        props.put("bootstrap.servers", devstack.kafkaBootstrapServers());
        try (Admin admin = Admin.create(props)) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            }
        }
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic, "cit_k1", "{\"eventId\":\"" + UUID.randomUUID() + "\",\"citizenRef\":\"cit_k1\"}"));
            producer.send(new ProducerRecord<>(topic, "cit_k2", "{\"application\":{\"citizenRef\":\"cit_k2\",\"answers\":[{\"citizenRef\":\"cit_k3\"}]}}"));
            producer.send(new ProducerRecord<>(topic, "cit_k1", "{\"citizenRef\":\"cit_k1\",\"status\":\"accepted\"}"));
            producer.send(new ProducerRecord<>(topic, "x", "{\"serviceId\":\"rev-income\"}"));
            producer.send(new ProducerRecord<>(topic, "y", "not json"));
            producer.flush();
        }

        Run run = run(devstack, "breach", "kafka:" + topic);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).containsExactly("cit_k1", "cit_k2", "cit_k3");
        assertThat(run.err()).startsWith("3 citizens' data in kafka:" + topic).contains("5 records").contains("2 without a citizenRef");
        // A dotted name is a topic too, as operators type them.
        assertThat(run(devstack, "breach", topic).out()).containsExactly("cit_k1", "cit_k2", "cit_k3");
    }

    @Test
    void saysWhatIsWrongWithAStoreItCannotRead(Devstack devstack) {
        Run missing = run(devstack, "breach", "no_such_database");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).contains("Could not read database no_such_database");

        Run bad = run(devstack, "breach", "Robert'); DROP TABLE citizen;--");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("Not a store");

        Run usage = run(devstack, "breach");
        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.err()).contains("usage: breach <store>");
    }
}
