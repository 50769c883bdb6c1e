package dev.seva.deploy;

import dev.seva.deploy.NetworkPolicyModel.Pod;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The pods an overlay runs, as a cluster would: Seva's from the rendered Deployments, the
 * operator-managed ones (Kafka, PostgreSQL, Keycloak) with the labels their operators give them, and
 * the add-ons around them. NetworkPolicies: the rendered ones plus those Strimzi writes for the Kafka
 * listeners (from each listener's networkPolicyPeers).
 */
final class Cluster {

    static final String NAMESPACE = "seva";

    final Manifests manifests;
    final Map<String, Pod> workloads = new LinkedHashMap<>();
    final Pod kafkaBroker;
    final Pod postgres;
    final Pod keycloakPostgres;
    final Pod keycloak;
    final Pod ingressController = addon("ingress-nginx", "ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"));
    final Pod prometheus = addon("prometheus", "monitoring", Map.of("app.kubernetes.io/name", "prometheus"));
    final Pod kedaOperator = addon("keda-operator", "keda", Map.of("app", "keda-operator"));
    final Pod dns = new Pod("coredns", "kube-system", Map.of("k8s-app", "kube-dns"), Map.of("dns-tcp", 53));
    final Pod stranger = addon("curious", "default", Map.of("app", "curious"));
    final NetworkPolicyModel network;

    Cluster(Manifests manifests) {
        this.manifests = manifests;
        for (Deployment d : manifests.all(Deployment.class)) {
            workloads.put(d.getMetadata().getName(), pod(d));
        }
        Kafka kafka = manifests.all(Kafka.class).get(0);
        String kafkaName = kafka.getMetadata().getName();
        kafkaBroker = new Pod(kafkaName + "-broker-0", NAMESPACE, Map.of("strimzi.io/cluster", kafkaName, "strimzi.io/kind", "Kafka",
                "strimzi.io/name", kafkaName + "-kafka", "strimzi.io/pool-name", "broker", "strimzi.io/broker-role", "true"),
                Map.of("tcp-replication", 9091, "tcp-ctrlplane", 9090, "tcp-prometheus", 9404));
        postgres = postgresInstance("seva-pg");
        keycloakPostgres = postgresInstance("seva-keycloak-pg");
        keycloak = new Pod("seva-keycloak-0", NAMESPACE, Map.of("app", "keycloak", "app.kubernetes.io/managed-by", "keycloak-operator",
                "app.kubernetes.io/instance", "seva-keycloak"), Map.of("https", 8443, "http", 8080, "management", 9000));
        List<NetworkPolicy> policies = new ArrayList<>(manifests.all(NetworkPolicy.class));
        kafka.getSpec().getKafka().getListeners().forEach(l -> policies.add(strimziListenerPolicy(kafkaName, l)));
        network = new NetworkPolicyModel(policies);
    }

    Pod workload(String name) {
        Pod pod = workloads.get(name);
        if (pod == null) {
            throw new IllegalArgumentException(manifests.overlay() + ": no Deployment " + name);
        }
        return pod;
    }

    /** The infrastructure pods the operators create in Seva's namespace. */
    List<Pod> operatorPods() {
        return List.of(kafkaBroker, postgres, keycloakPostgres, keycloak);
    }

    /** The first container's environment variable of that name. */
    static Optional<EnvVar> env(Deployment d, String name) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    static Pod pod(Deployment d) {
        Map<String, Integer> ports = d.getSpec().getTemplate().getSpec().getContainers().stream()
                .map(Container::getPorts).flatMap(List::stream).filter(p -> p.getName() != null)
                .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
        return new Pod(d.getMetadata().getName(), d.getMetadata().getNamespace(), d.getSpec().getTemplate().getMetadata().getLabels(), ports);
    }

    private static Pod postgresInstance(String cluster) {
        return new Pod(cluster + "-1", NAMESPACE, Map.of("cnpg.io/cluster", cluster, "cnpg.io/podRole", "instance", "role", "primary"),
                Map.of("postgresql", 5432, "metrics", 9187, "status", 8000));
    }

    private static Pod addon(String name, String namespace, Map<String, String> labels) {
        return new Pod(name, namespace, labels, Map.of());
    }

    /** What Strimzi generates for a listener: ingress to the brokers on its port from its networkPolicyPeers. */
    private static NetworkPolicy strimziListenerPolicy(String kafka, GenericKafkaListener listener) {
        return new NetworkPolicyBuilder()
                .withNewMetadata().withName(kafka + "-network-policy-kafka-" + listener.getName()).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec()
                .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("strimzi.io/cluster", kafka, "strimzi.io/broker-role", "true")).build())
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .withFrom(listener.getNetworkPolicyPeers())
                .withPorts(new NetworkPolicyPortBuilder().withNewPort(listener.getPort()).withProtocol("TCP").build())
                .endIngress()
                .endSpec()
                .build();
    }
}
