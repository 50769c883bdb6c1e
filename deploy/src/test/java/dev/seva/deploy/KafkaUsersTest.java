package dev.seva.deploy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserTlsClientAuthentication;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.seva.contracts.Topics.CATALOGUE_SERVICES;
import static dev.seva.contracts.Topics.CITIZEN_ERASURE;
import static dev.seva.contracts.Topics.CONVERSATION_HANDOVERS;
import static dev.seva.contracts.Topics.DESK_HANDOVERS;
import static dev.seva.contracts.Topics.DESK_HANDOVERS_DLQ;
import static dev.seva.contracts.Topics.DOCUMENTS_ISSUED;
import static dev.seva.contracts.Topics.PAYMENTS_EVENTS;
import static dev.seva.contracts.Topics.PAYMENTS_EVENTS_DLQ;
import static dev.seva.contracts.Topics.PAYMENTS_ORDERS;
import static dev.seva.contracts.Topics.PAYMENTS_ORDERS_DLQ;
import static dev.seva.contracts.Topics.WHATSAPP_INBOUND;
import static dev.seva.contracts.Topics.WHATSAPP_INBOUND_DLQ;
import static dev.seva.contracts.Topics.WHATSAPP_OUTBOUND;
import static dev.seva.contracts.Topics.WHATSAPP_OUTBOUND_DLQ;
import static dev.seva.contracts.Topics.WHATSAPP_PAYMENTS;
import static dev.seva.contracts.Topics.WHATSAPP_PAYMENTS_DLQ;
import static dev.seva.contracts.Topics.WHATSAPP_STATUS;
import static dev.seva.contracts.Topics.WHATSAPP_STATUS_DLQ;
import static dev.seva.contracts.Topics.deadLetter;
import static dev.seva.contracts.Topics.departmentAnswers;
import static dev.seva.contracts.Topics.departmentApplications;
import static dev.seva.contracts.Topics.departmentLookups;
import static dev.seva.contracts.Topics.departmentOutcomes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each KafkaUser may do exactly what its part of the flow needs: the grants below, per service and
 * per department, and nothing more. Consumer groups are named after the service.
 */
class KafkaUsersTest {

    private static String read(String topic) {
        return "Read topic " + topic;
    }

    private static String write(String topic) {
        return "Write topic " + topic;
    }

    /**
     * The grants of every platform user, for the departments the overlay deploys and, among them, those
     * the desk serves (its DESK_DEPARTMENTS).
     */
    static Map<String, Set<String>> expectedPlatformGrants(Set<String> departments, Set<String> deskDepartments, Set<String> deadLetterTopics) {
        Set<String> conversation = new TreeSet<>(Set.of(read(WHATSAPP_INBOUND), read(DOCUMENTS_ISSUED), "Read group conversation-service",
                write(WHATSAPP_OUTBOUND), write(CITIZEN_ERASURE), write(WHATSAPP_INBOUND_DLQ), write(deadLetter(DOCUMENTS_ISSUED)),
                write(CONVERSATION_HANDOVERS), read(DESK_HANDOVERS), write(DESK_HANDOVERS_DLQ),
                // Payments: orders through its outbox relay, what became of them, and their dead letters.
                write(PAYMENTS_ORDERS), read(PAYMENTS_EVENTS), write(PAYMENTS_EVENTS_DLQ)));
        // The desk's outbox relay (an idempotent producer, like the other relays) needs Write on its topics only.
        Set<String> desk = new TreeSet<>(Set.of(read(CONVERSATION_HANDOVERS), read(CITIZEN_ERASURE), "Read group desk-service",
                read(CATALOGUE_SERVICES), "Read group-prefix desk-catalogue-",
                write(DESK_HANDOVERS), write(deadLetter(CONVERSATION_HANDOVERS)), write(deadLetter(CITIZEN_ERASURE))));
        for (String d : deskDepartments) {
            desk.addAll(Set.of(read(departmentApplications(d)), write(departmentOutcomes(d)), write(deadLetter(departmentApplications(d)))));
            // Look-ups the desk answers from its data; the dead letters of those it cannot answer.
            desk.addAll(Set.of(read(departmentLookups(d)), write(departmentAnswers(d)), write(deadLetter(departmentLookups(d)))));
        }
        Set<String> document = new TreeSet<>(Set.of(read(CITIZEN_ERASURE), "Read group document-service", write(DOCUMENTS_ISSUED),
                read(CATALOGUE_SERVICES), "Read group-prefix document-service-catalogue-", read(PAYMENTS_EVENTS),
                write(deadLetter(PAYMENTS_EVENTS)), write(deadLetter(CITIZEN_ERASURE))));
        for (String d : departments) {
            conversation.addAll(Set.of(write(departmentApplications(d)), read(departmentOutcomes(d)), write(deadLetter(departmentOutcomes(d)))));
            conversation.addAll(Set.of(write(departmentLookups(d)), read(departmentAnswers(d)), write(deadLetter(departmentAnswers(d)))));
            // document-service issues documents for outcomes only: it never reads look-ups or their answers.
            document.addAll(Set.of(read(departmentOutcomes(d)), write(deadLetter(departmentOutcomes(d)))));
        }
        Set<String> ops = new TreeSet<>(Set.of("Read group-prefix seva-ops-"));
        deadLetterTopics.forEach(t -> ops.add(read(t)));
        return Map.of(
                "gateway-service", Set.of(write(WHATSAPP_INBOUND), write(WHATSAPP_STATUS), write(WHATSAPP_INBOUND_DLQ), write(WHATSAPP_STATUS_DLQ),
                        write(WHATSAPP_PAYMENTS), write(WHATSAPP_PAYMENTS_DLQ)),
                "conversation-service", conversation,
                "catalogue-service", Set.of(read(CATALOGUE_SERVICES), write(CATALOGUE_SERVICES), "Read group-prefix catalogue-view-"),
                "document-service", document,
                "notification-service", Set.of(read(WHATSAPP_OUTBOUND), read(WHATSAPP_STATUS), read(CITIZEN_ERASURE),
                        "Read group notification-service", write(WHATSAPP_OUTBOUND_DLQ)),
                "desk-service", desk,
                // The vault destroys an erased citizen's key (crypto-shredding) and dead-letters what it cannot read.
                "vault-service", Set.of(read(CITIZEN_ERASURE), "Read group vault-service", write(deadLetter(CITIZEN_ERASURE))),
                // Payments settles orders with the WhatsApp and Razorpay look-ups, honours erasures, and writes its
                // events and the dead letters of all three topics it reads through its outbox relay.
                "payment-service", Set.of(read(PAYMENTS_ORDERS), read(WHATSAPP_PAYMENTS), read(CITIZEN_ERASURE), "Read group payment-service",
                        write(PAYMENTS_EVENTS), write(PAYMENTS_ORDERS_DLQ), write(WHATSAPP_PAYMENTS_DLQ), write(deadLetter(CITIZEN_ERASURE))),
                "seva-ops", ops);
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void eachDepartmentReadsOnlyItsApplicationsAndLookupsAndWritesOnlyItsOutcomesAndAnswers(String overlay) {
        Manifests m = Manifests.of(overlay);
        // Departments served by their own system (the desk serves the others: everyDepartmentIsServedBy…).
        Set<String> departments = ContractTopics.departmentsWithUsers(m);
        for (String d : departments) {
            KafkaUser user = m.one(KafkaUser.class, "dept-" + d);
            assertThat(Acls.resources(user)).as(overlay + ": resources of dept-" + d)
                    .containsExactlyInAnyOrder("topic " + departmentApplications(d), "topic " + departmentOutcomes(d),
                            "topic " + departmentLookups(d), "topic " + departmentAnswers(d), "group dept-" + d);
            assertThat(Acls.grants(user)).as(overlay + ": grants of dept-" + d)
                    .containsExactlyInAnyOrder(read(departmentApplications(d)), write(departmentOutcomes(d)),
                            read(departmentLookups(d)), write(departmentAnswers(d)), "Read group dept-" + d);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void eachPlatformUserHoldsExactlyTheGrantsOfItsFlow(String overlay) {
        Manifests m = Manifests.of(overlay);
        Set<String> deadLetters = m.all(KafkaTopic.class).stream().map(t -> t.getSpec().getTopicName())
                .filter(t -> t.endsWith(".dlq")).collect(Collectors.toCollection(TreeSet::new));
        Map<String, Set<String>> expected = expectedPlatformGrants(ContractTopics.departmentsWithTopics(m),
                ContractTopics.departmentsOfTheDesk(m), deadLetters);

        Set<String> platformUsers = m.all(KafkaUser.class).stream().map(u -> u.getMetadata().getName())
                .filter(n -> !n.startsWith("dept-")).collect(Collectors.toSet());
        assertThat(platformUsers).as(overlay + ": platform KafkaUsers").containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((user, grants) -> assertThat(Acls.grants(m.one(KafkaUser.class, user)))
                .as(overlay + ": grants of " + user).containsExactlyInAnyOrderElementsOf(grants));
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void everyDepartmentIsServedByExactlyOneOfTheDeskOrItsOwnSystem(String overlay) {
        Manifests m = Manifests.of(overlay);
        Set<String> own = ContractTopics.departmentsWithUsers(m);
        Set<String> desk = ContractTopics.departmentsOfTheDesk(m);

        Set<String> both = new TreeSet<>(desk);
        both.retainAll(own);
        assertThat(both).as(overlay + ": departments both the desk and their own system serve (each application would be decided twice)").isEmpty();
        for (String d : ContractTopics.departmentsWithTopics(m)) {
            String server = desk.contains(d) ? ContractTopics.DESK : "dept-" + d;
            assertThat(holders(m, read(departmentApplications(d)))).as(overlay + ": who reads " + departmentApplications(d)).containsExactly(server);
            assertThat(holders(m, write(departmentOutcomes(d)))).as(overlay + ": who decides " + d + "'s applications").containsExactly(server);
            assertThat(holders(m, read(departmentLookups(d)))).as(overlay + ": who reads " + departmentLookups(d)).containsExactly(server);
            assertThat(holders(m, write(departmentAnswers(d)))).as(overlay + ": who answers " + d + "'s look-ups").containsExactly(server);
        }
    }

    private static Set<String> holders(Manifests m, String grant) {
        return m.all(KafkaUser.class).stream().filter(u -> Acls.grants(u).contains(grant))
                .map(u -> u.getMetadata().getName()).collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void everyUserAuthenticatesWithACertificateAndNamesOnlyExistingTopics(String overlay) {
        Manifests m = Manifests.of(overlay);
        Set<String> topics = m.all(KafkaTopic.class).stream().map(t -> "topic " + t.getSpec().getTopicName()).collect(Collectors.toSet());
        assertThat(m.all(KafkaUser.class)).allSatisfy(u -> {
            assertThat(u.getSpec().getAuthentication()).as(overlay + ": " + u.getMetadata().getName()).isInstanceOf(KafkaUserTlsClientAuthentication.class);
            assertThat(Acls.resources(u)).filteredOn(r -> r.startsWith("topic")).as(overlay + ": topics of " + u.getMetadata().getName())
                    .allSatisfy(r -> assertThat(topics).contains(r));
        });
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void everyWorkloadConnectsAsItsOwnKafkaUser(String overlay) {
        Manifests m = Manifests.of(overlay);
        assertThat(m.all(Deployment.class)).allSatisfy(d -> {
            String name = d.getMetadata().getName();
            String user = Cluster.env(d, "KAFKA_SSL_KEYSTORE_PASSWORD").map(e -> e.getValueFrom().getSecretKeyRef().getName())
                    .orElseThrow(() -> new AssertionError(name + " has no Kafka keystore password"));
            assertThat(user).as(overlay + ": Kafka user of " + name).isEqualTo(name.startsWith("department-") ? "dept-" + name.substring("department-".length()) : name);
            assertThat(m.has(KafkaUser.class, user)).as(overlay + ": KafkaUser " + user).isTrue();
            assertThat(d.getSpec().getTemplate().getSpec().getVolumes()).as(overlay + ": " + name + " mounts its user's keystore")
                    .anySatisfy(v -> assertThat(v.getSecret() == null ? null : v.getSecret().getSecretName()).isEqualTo(user));
        });
    }
}
