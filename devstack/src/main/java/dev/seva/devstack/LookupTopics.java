package dev.seva.devstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The departments' look-up topics, created by the local run before any service starts.
 *
 * <p>Why: conversation-service reads {@code dept.*.answers.v1} and the desk {@code dept.*.lookups.v1} by
 * pattern. A pattern subscriber sees a topic only in metadata fetched after the topic exists; the broker
 * auto-creates a topic on its first record, so without this the first look-up of a department (and its
 * answer) would wait for the consumer's next metadata refresh and a rebalance, several seconds, while a
 * look-up must be answered by its answerBy (seconds). Applications and outcomes are not created here: a
 * delay of seconds on them is harmless, and their consumers' {@code metadata.max.age.ms=5000} covers it.
 * Names as contracts' {@code Topics.departmentLookups}/{@code departmentAnswers} (a test compares them).
 */
public final class LookupTopics {

    /** The departments of the catalogue (catalogue-service's data files); helpdesk has handover threads only. */
    public static final List<String> CATALOGUE_DEPARTMENTS = List.of("agriculture", "apsrtc", "civilsupplies", "education",
            "endowments", "energy", "grievance", "health", "municipal", "police", "revenue", "transport");
    /** Comma-separated department ids whose look-up topics the local run creates; empty for none. */
    public static final String DEPARTMENTS_VARIABLE = "DEVSTACK_LOOKUP_DEPARTMENTS";

    private static final Pattern DEPARTMENT_ID = Pattern.compile("^[a-z][a-z0-9]{1,30}$");

    private LookupTopics() {
    }

    /** The departments named by {@link #DEPARTMENTS_VARIABLE}, or the catalogue's when it is unset. */
    public static List<String> departments(Function<String, String> env) {
        String listed = env.apply(DEPARTMENTS_VARIABLE);
        if (listed == null) {
            return CATALOGUE_DEPARTMENTS;
        }
        List<String> departments = new ArrayList<>();
        for (String d : Arrays.stream(listed.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            if (!DEPARTMENT_ID.matcher(d).matches()) {
                throw new IllegalArgumentException(DEPARTMENTS_VARIABLE + ": not a department id (lower-case letters and digits, 2-31 long): " + d);
            }
            departments.add(d);
        }
        return departments;
    }

    /** dept.<d>.lookups.v1 and dept.<d>.answers.v1 of every department given. */
    public static Set<String> topics(Collection<String> departments) {
        Set<String> topics = new TreeSet<>();
        departments.forEach(d -> {
            topics.add("dept." + d + ".lookups.v1");
            topics.add("dept." + d + ".answers.v1");
        });
        return topics;
    }

    /**
     * Creates the topics that do not exist yet, with the broker's default partitions (DEVSTACK_PARTITIONS),
     * as auto-creation would; returns those it created. Existing topics keep their partitions.
     */
    public static Set<String> ensure(String bootstrapServers, Collection<String> topics) {
        Set<String> created = new TreeSet<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, Optional.empty(), Optional.empty())).toList();
            admin.createTopics(missing).values().forEach((topic, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                    created.add(topic);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + topic, e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while creating topic " + topic, e);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("Kafka did not create topic " + topic + " within 30 s", e);
                }
            });
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not list Kafka's topics at " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while listing Kafka's topics", e);
        }
        return created;
    }
}
