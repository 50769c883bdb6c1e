package dev.seva.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.seva.contracts.Topics;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/** The topics the contracts define (AsyncAPI channels, Topics.java) and the departments an overlay deploys. */
final class ContractTopics {

    static final String DEPARTMENT_PLACEHOLDER = "{dept}";

    private ContractTopics() {
    }

    /** Every channel address of contracts/asyncapi.yaml; department channels keep their {dept} placeholder. */
    static Set<String> channelAddresses() {
        try (InputStream in = ContractTopics.class.getClassLoader().getResourceAsStream("contracts/asyncapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("contracts/asyncapi.yaml is not on the classpath (dependency on contracts)");
            }
            JsonNode channels = new ObjectMapper(new YAMLFactory()).readTree(in).path("channels");
            Set<String> addresses = new TreeSet<>();
            channels.forEach(c -> addresses.add(c.path("address").asText()));
            return addresses;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The contract topics for the given departments: every channel, department channels once per department. */
    static Set<String> forDepartments(Set<String> departments) {
        Set<String> topics = new TreeSet<>(Topics.PLATFORM);
        for (String address : channelAddresses()) {
            if (address.contains(DEPARTMENT_PLACEHOLDER)) {
                departments.forEach(d -> topics.add(address.replace(DEPARTMENT_PLACEHOLDER, d)));
            } else {
                topics.add(address);
            }
        }
        return topics;
    }

    /** Departments with topics in the overlay. */
    static Set<String> departmentsWithTopics(Manifests m) {
        Set<String> departments = new TreeSet<>();
        m.all(KafkaTopic.class).forEach(t -> Topics.parseDepartmentTopic(base(t.getSpec().getTopicName()))
                .ifPresent(d -> departments.add(d.departmentId())));
        return departments;
    }

    /** Departments with a Kafka user (dept-<id>) in the overlay. */
    static Set<String> departmentsWithUsers(Manifests m) {
        Set<String> departments = new TreeSet<>();
        m.all(KafkaUser.class).stream().map(u -> u.getMetadata().getName()).filter(n -> n.startsWith("dept-"))
                .forEach(n -> departments.add(n.substring("dept-".length())));
        return departments;
    }

    /** The department desk's Deployment. */
    static final String DESK = "desk-service";
    /** The desk's general help desk of human handover: a desk department without application topics. */
    static final String HELPDESK = "helpdesk";

    /**
     * The departments whose applications the desk works, as its Deployment is told (DESK_DEPARTMENTS,
     * without helpdesk, which has handover threads only); empty when the overlay runs no desk.
     */
    static Set<String> departmentsOfTheDesk(Manifests m) {
        Set<String> departments = new TreeSet<>();
        if (!m.has(Deployment.class, DESK)) {
            return departments;
        }
        String list = Cluster.env(m.one(Deployment.class, DESK), "DESK_DEPARTMENTS").orElseThrow(
                () -> new AssertionError(m.overlay() + ": desk-service has no DESK_DEPARTMENTS")).getValue();
        Arrays.stream(list.split(",")).map(String::strip).filter(d -> !d.isEmpty() && !d.equals(HELPDESK)).forEach(departments::add);
        return departments;
    }

    /** The topic a dead-letter topic belongs to, or the name itself. */
    static String base(String topic) {
        return topic.endsWith(".dlq") ? topic.substring(0, topic.length() - ".dlq".length()) : topic;
    }
}
