package dev.seva.operations;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The breach runbook's first question: whose data is in the store that leaked? Lists the citizen
 * references ({@code citizenRef}, pseudonymous) found in one store, one per line on stdout, and how many
 * on stderr, so that each citizen can be sent a notice (docs/breach-notice.md) through conversation-service,
 * which alone maps a reference to a WhatsApp number.
 *
 * <ul>
 *   <li>A service's database ({@code conversation}, {@code desk}, {@code document}, {@code notification},
 *       {@code vault}, or any other database name): every {@code citizen_ref} column of every table, and the
 *       {@code citizenRef} fields of events still in its {@code outbox}.</li>
 *   <li>A Kafka topic ({@code kafka:<topic>}, or a name with dots such as {@code dept.revenue.applications.v1}):
 *       every record from the earliest retained offset to the end, every {@code citizenRef} field at any depth
 *       of its JSON value.</li>
 * </ul>
 *
 * Connections from the environment, as the services take them: {@code POSTGRES_HOST}, {@code POSTGRES_PORT},
 * {@code POSTGRES_USER}, {@code POSTGRES_PASSWORD}, {@code POSTGRES_JDBC_OPTIONS} (e.g.
 * {@code sslmode=verify-full&sslrootcert=...}); {@code KAFKA_BOOTSTRAP_SERVERS} and any other {@code KAFKA_*}
 * variable as a client property ({@code KAFKA_SECURITY_PROTOCOL} → {@code security.protocol}).
 */
public final class BreachScope {

    static final String USAGE = "a database (conversation, desk, document, notification, vault) or kafka:<topic>";
    private static final Pattern DATABASE = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");
    private static final Pattern TOPIC = Pattern.compile("^[A-Za-z0-9._-]{1,249}$");

    private BreachScope() {
    }

    /** What was found: the distinct references, and what was read to find them. */
    public record Found(Set<String> citizenRefs, long scanned, long withoutCitizenRef, String scannedWhat) {
    }

    static int command(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: breach <store>: " + USAGE);
            return 2;
        }
        String store = args[0];
        Found found;
        try {
            if (store.startsWith("kafka:") || store.contains(".")) {
                String topic = store.startsWith("kafka:") ? store.substring("kafka:".length()) : store;
                if (!TOPIC.matcher(topic).matches()) {
                    err.println("Not a topic name: " + topic);
                    return 2;
                }
                found = KafkaScan.scan(kafkaProperties(env), topic, Duration.ofSeconds(30));
            } else {
                if (!DATABASE.matcher(store).matches()) {
                    err.println("Not a store: " + store + " (" + USAGE + ")");
                    return 2;
                }
                try (Connection connection = connect(env, store)) {
                    found = DatabaseScan.scan(connection);
                }
            }
        } catch (SQLException e) {
            // The message names the server and database, never a row.
            err.println("Could not read database " + store + ": " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("Could not read " + store + ": " + e.getMessage());
            return 1;
        }
        found.citizenRefs().forEach(out::println);
        out.flush();
        err.println(found.citizenRefs().size() + " citizens' data in " + store + " (" + found.scanned() + " " + found.scannedWhat()
                + (found.withoutCitizenRef() > 0 ? "; " + found.withoutCitizenRef() + " without a citizenRef: see docs/security.md, breach runbook" : "")
                + ")");
        return 0;
    }

    static Connection connect(Map<String, String> env, String database) throws SQLException {
        String url = "jdbc:postgresql://" + env.getOrDefault("POSTGRES_HOST", "localhost") + ":" + env.getOrDefault("POSTGRES_PORT", "15432")
                + "/" + database;
        String options = env.getOrDefault("POSTGRES_JDBC_OPTIONS", "");
        if (!options.isBlank()) {
            url += "?" + options;
        }
        Properties props = new Properties();
        props.setProperty("user", env.getOrDefault("POSTGRES_USER", "postgres"));
        props.setProperty("password", env.getOrDefault("POSTGRES_PASSWORD", "postgres"));
        props.setProperty("readOnly", "true");
        props.setProperty("ApplicationName", "seva-breach-scope");
        Connection connection = DriverManager.getConnection(url, props);
        connection.setReadOnly(true);
        return connection;
    }

    /** KAFKA_BOOTSTRAP_SERVERS and every other KAFKA_* variable as a Kafka client property, as Quarkus maps them. */
    static Properties kafkaProperties(Map<String, String> env) {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"));
        env.forEach((name, value) -> {
            if (name.startsWith("KAFKA_") && !name.equals("KAFKA_BOOTSTRAP_SERVERS")) {
                props.setProperty(name.substring("KAFKA_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.'), value);
            }
        });
        return props;
    }

    static Set<String> sorted() {
        return new TreeSet<>();
    }
}
