package dev.seva.deploy;

import dev.seva.contracts.Topics;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationTls;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The Strimzi cluster and one KafkaTopic per contract topic (and per dead-letter topic), sized as the design says. */
class KafkaTopicsTest {

    private static final long THREE_DAYS_MS = Duration.ofDays(3).toMillis();
    private static final long ONE_DAY_MS = Duration.ofDays(1).toMillis();

    private static Set<String> topicNames(Manifests m) {
        Set<String> names = new TreeSet<>();
        m.all(KafkaTopic.class).forEach(t -> names.add(t.getSpec().getTopicName()));
        return names;
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void everyContractTopicHasAKafkaTopicAndNoKafkaTopicLacksAContract(String overlay) {
        Manifests m = Manifests.of(overlay);
        Set<String> departments = ContractTopics.departmentsWithTopics(m);
        Set<String> contractTopics = ContractTopics.forDepartments(departments);
        Set<String> deployed = topicNames(m);

        Set<String> served = new TreeSet<>(ContractTopics.departmentsWithUsers(m));
        served.addAll(ContractTopics.departmentsOfTheDesk(m));
        assertThat(departments).as(overlay + ": departments with topics are those served by their own system or the desk")
                .isNotEmpty().isEqualTo(served);
        assertThat(deployed).as(overlay + ": KafkaTopics").containsAll(contractTopics)
                .contains(Topics.WHATSAPP_INBOUND_DLQ, Topics.WHATSAPP_STATUS_DLQ, Topics.WHATSAPP_OUTBOUND_DLQ, Topics.DESK_HANDOVERS_DLQ,
                        Topics.WHATSAPP_PAYMENTS_DLQ, Topics.PAYMENTS_ORDERS_DLQ, Topics.PAYMENTS_EVENTS_DLQ);
        assertThat(deployed).as(overlay + ": every KafkaTopic is a contract topic or its dead letters")
                .allSatisfy(t -> assertThat(contractTopics).contains(ContractTopics.base(t)));
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void everyTopicTheDeskReadsHasTheDeadLetterTopicItWrites(String overlay) {
        Manifests m = Manifests.of(overlay);
        Set<String> expected = new TreeSet<>(Set.of(Topics.deadLetter(Topics.CONVERSATION_HANDOVERS), Topics.deadLetter(Topics.CITIZEN_ERASURE)));
        ContractTopics.departmentsOfTheDesk(m).forEach(d -> expected.addAll(Set.of(Topics.deadLetter(Topics.departmentApplications(d)),
                Topics.deadLetter(Topics.departmentLookups(d)))));

        assertThat(topicNames(m)).as(overlay + ": the desk's dead-letter topics").containsAll(expected);
        assertThat(m.all(KafkaTopic.class)).filteredOn(t -> expected.contains(t.getSpec().getTopicName()))
                .allSatisfy(t -> assertThat(t.getMetadata().getLabels()).as(t.getSpec().getTopicName())
                        .containsEntry("seva.dev/partitions", "small").containsEntry("seva.dev/retention", "dead-letter"));
        assertThat(m.all(KafkaTopic.class)).filteredOn(t -> Set.of(Topics.CONVERSATION_HANDOVERS, Topics.DESK_HANDOVERS).contains(t.getSpec().getTopicName()))
                .as(overlay + ": the handover topics are citizen streams").hasSize(2)
                .allSatisfy(t -> assertThat(t.getMetadata().getLabels()).as(t.getSpec().getTopicName())
                        .containsEntry("seva.dev/partitions", "citizen").containsEntry("seva.dev/retention", "citizen"));
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void lookupsAndAnswersAreCitizenStreamsKeptOneDayWithTheDeadLettersOfTheirReaders(String overlay) {
        Manifests m = Manifests.of(overlay);
        Map<String, KafkaTopic> topics = new TreeMap<>();
        m.all(KafkaTopic.class).forEach(t -> topics.put(t.getSpec().getTopicName(), t));
        Set<String> departments = ContractTopics.departmentsWithTopics(m);
        Set<String> desk = ContractTopics.departmentsOfTheDesk(m);

        assertThat(departments).as(overlay + ": departments").isNotEmpty().allSatisfy(d -> {
            for (String stream : List.of(Topics.departmentLookups(d), Topics.departmentAnswers(d))) {
                assertThat(topics).as(overlay + ": KafkaTopics").containsKey(stream);
                KafkaTopic t = topics.get(stream);
                assertThat(t.getMetadata().getLabels()).as(overlay + ": " + stream)
                        .containsEntry("seva.dev/partitions", "citizen").containsEntry("seva.dev/retention", "lookup");
                assertThat(((Number) t.getSpec().getConfig().get("retention.ms")).longValue()).as(overlay + ": " + stream + " retention.ms")
                        .isEqualTo(ONE_DAY_MS);
                assertThat(t.getSpec().getPartitions()).as(overlay + ": " + stream + " partitions, as the applications'")
                        .isEqualTo(topics.get(Topics.departmentApplications(d)).getSpec().getPartitions());
            }
            // conversation-service dead-letters answers wherever the department is served; the desk its look-ups,
            // and a department's own system none (as for its applications).
            assertThat(topics).as(overlay + ": dead letters of " + d + "'s answers").containsKey(Topics.deadLetter(Topics.departmentAnswers(d)));
            if (desk.contains(d)) {
                assertThat(topics).as(overlay + ": dead letters of " + d + "'s look-ups").containsKey(Topics.deadLetter(Topics.departmentLookups(d)));
            } else {
                assertThat(topics).as(overlay + ": " + d + " has its own system").doesNotContainKey(Topics.deadLetter(Topics.departmentLookups(d)));
            }
        });
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void everyTopicIsReplicatedThreeTimesAndAcknowledgedByTwo(String overlay) {
        Manifests m = Manifests.of(overlay);
        String cluster = m.all(Kafka.class).get(0).getMetadata().getName();
        assertThat(m.all(KafkaTopic.class)).allSatisfy(t -> {
            String name = overlay + ": " + t.getSpec().getTopicName();
            assertThat(t.getMetadata().getName()).as(name + " resource name").isEqualTo(t.getSpec().getTopicName());
            assertThat(t.getMetadata().getLabels()).as(name + " cluster label").containsEntry("strimzi.io/cluster", cluster);
            assertThat(t.getSpec().getReplicas()).as(name + " replicas").isEqualTo(3);
            assertThat(t.getSpec().getConfig()).as(name + " config").containsEntry("min.insync.replicas", 2);
            assertThat(t.getSpec().getPartitions()).as(name + " partitions").isPositive();
        });
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void retentionIsShortForWhatsAppCompactedForTheCatalogueAndFiniteElsewhere(String overlay) {
        assertThat(Manifests.of(overlay).all(KafkaTopic.class)).allSatisfy(t -> {
            String topic = t.getSpec().getTopicName();
            Map<String, Object> config = t.getSpec().getConfig();
            if (topic.equals(Topics.CATALOGUE_SERVICES)) {
                assertThat(config).as(overlay + ": " + topic).containsEntry("cleanup.policy", "compact").doesNotContainKey("retention.ms");
                return;
            }
            assertThat(config).as(overlay + ": " + topic).containsEntry("cleanup.policy", "delete");
            long retention = ((Number) config.get("retention.ms")).longValue();
            assertThat(retention).as(overlay + ": " + topic + " retention.ms").isPositive();
            if (topic.startsWith("whatsapp.")) {
                assertThat(retention).as(overlay + ": " + topic + " carries phone numbers: at most 3 days").isLessThanOrEqualTo(THREE_DAYS_MS);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void kafkaRunsKraftOnThreeControllersAndThreeBrokersAcrossZonesWithMutualTls(String overlay) {
        Manifests m = Manifests.of(overlay);
        List<Kafka> clusters = m.all(Kafka.class);
        assertThat(clusters).hasSize(1);
        Kafka kafka = clusters.get(0);
        String name = kafka.getMetadata().getName();
        List<KafkaNodePool> pools = m.all(KafkaNodePool.class);
        assertThat(pools).allSatisfy(p -> assertThat(p.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", name));
        assertThat(replicas(pools, ProcessRoles.CONTROLLER)).as("controllers").isEqualTo(3);
        assertThat(replicas(pools, ProcessRoles.BROKER)).as("brokers").isEqualTo(3);
        assertThat(pools).as("controllers and brokers are separate pools")
                .allSatisfy(p -> assertThat(p.getSpec().getRoles()).hasSize(1));

        assertThat(kafka.getSpec().getKafka().getRack().getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
        assertThat(kafka.getSpec().getKafka().getAuthorization()).isInstanceOf(KafkaAuthorizationSimple.class);
        assertThat(kafka.getSpec().getKafka().getConfig()).containsEntry("auto.create.topics.enable", false)
                .containsEntry("min.insync.replicas", 2).containsEntry("default.replication.factor", 3);
        List<GenericKafkaListener> listeners = kafka.getSpec().getKafka().getListeners();
        assertThat(listeners).as("listeners: TLS with client certificates only").allSatisfy(l -> {
            assertThat(l.isTls()).isTrue();
            assertThat(l.getAuth()).isInstanceOf(KafkaListenerAuthenticationTls.class);
            assertThat(l.getNetworkPolicyPeers()).isNotEmpty();
        });
        assertThat(kafka.getSpec().getEntityOperator().getTopicOperator()).isNotNull();
        assertThat(kafka.getSpec().getEntityOperator().getUserOperator()).isNotNull();
        assertThat(kafka.getSpec().getKafkaExporter()).as("consumer lag metrics for the alerts").isNotNull();
    }

    private static int replicas(List<KafkaNodePool> pools, ProcessRoles role) {
        return pools.stream().filter(p -> p.getSpec().getRoles().contains(role)).mapToInt(p -> p.getSpec().getReplicas()).sum();
    }
}
