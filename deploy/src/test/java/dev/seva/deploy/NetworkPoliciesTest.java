package dev.seva.deploy;

import dev.seva.deploy.NetworkPolicyModel.Endpoint;
import dev.seva.deploy.NetworkPolicyModel.External;
import dev.seva.deploy.NetworkPolicyModel.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Default deny for every pod, then only the data flow: each case below is a connection that must be
 * allowed, or must not be, given every NetworkPolicy of the overlay (and those Strimzi writes for the
 * Kafka listener).
 */
class NetworkPoliciesTest {

    /** One of graph.facebook.com's public addresses (any public address stands for Meta here). */
    private static final External META = new External("157.240.22.35");
    private static final External ELSEWHERE_PRIVATE = new External("10.20.30.40");
    /** A public address standing for api.razorpay.com (any public address: a NetworkPolicy cannot name a host). */
    private static final External RAZORPAY = new External("104.18.30.40");
    private static final int PAYMENT = 8088;
    private static final int KAFKA_TLS = 9093;
    private static final int POSTGRES = 5432;
    private static final int VAULT = 8087;
    /** The HSM's placeholder address and port in base/network/shared.yaml (overlays patch them to theirs). */
    private static final External HSM = new External("192.0.2.5");
    private static final int HSM_PORT = 1792;

    record Flow(String from, Function<Cluster, Endpoint> source, String to, Function<Cluster, Endpoint> destination, int port, boolean allowed) {
        @Override
        public String toString() {
            return (allowed ? "allows " : "denies ") + from + " -> " + to + ":" + port;
        }
    }

    private static Flow allows(String from, Function<Cluster, Endpoint> source, String to, Function<Cluster, Endpoint> destination, int port) {
        return new Flow(from, source, to, destination, port, true);
    }

    private static Flow denies(String from, Function<Cluster, Endpoint> source, String to, Function<Cluster, Endpoint> destination, int port) {
        return new Flow(from, source, to, destination, port, false);
    }

    private static Function<Cluster, Endpoint> w(String deployment) {
        return c -> c.workload(deployment);
    }

    static final List<String> KAFKA_CLIENTS = List.of("gateway-service", "conversation-service", "catalogue-service",
            "document-service", "notification-service", "desk-service", "vault-service", "payment-service", "department-revenue");
    static final List<String> POSTGRES_CLIENTS = List.of("conversation-service", "catalogue-service", "document-service", "notification-service",
            "desk-service", "vault-service", "payment-service");

    static List<Flow> flows() {
        List<Flow> flows = new ArrayList<>(List.of(
                // Citizens' webhooks, the verification page and the admin API come in through the ingress controller.
                allows("ingress-nginx", c -> c.ingressController, "gateway-service", w("gateway-service"), 8081),
                allows("ingress-nginx", c -> c.ingressController, "document-service", w("document-service"), 8084),
                allows("ingress-nginx", c -> c.ingressController, "catalogue-service", w("catalogue-service"), 8083),
                allows("ingress-nginx", c -> c.ingressController, "keycloak", c -> c.keycloak, 8443),
                allows("ingress-nginx", c -> c.ingressController, "desk-service", w("desk-service"), 8086),
                denies("ingress-nginx", c -> c.ingressController, "conversation-service", w("conversation-service"), 8082),
                denies("ingress-nginx", c -> c.ingressController, "notification-service", w("notification-service"), 8085),
                denies("ingress-nginx", c -> c.ingressController, "department-revenue", w("department-revenue"), 8091),
                denies("ingress-nginx", c -> c.ingressController, "seva-pg", c -> c.postgres, POSTGRES),
                denies("a pod in another namespace", c -> c.stranger, "gateway-service", w("gateway-service"), 8081),
                denies("a pod in another namespace", c -> c.stranger, "kafka", c -> c.kafkaBroker, KAFKA_TLS),
                denies("a pod in another namespace", c -> c.stranger, "desk-service", w("desk-service"), 8086),
                // Service to service: only the two calls the flow has.
                allows("conversation-service", w("conversation-service"), "catalogue-service", w("catalogue-service"), 8083),
                allows("notification-service", w("notification-service"), "document-service", w("document-service"), 8084),
                allows("catalogue-service", w("catalogue-service"), "keycloak back-channel", c -> c.keycloak, 8080),
                denies("conversation-service", w("conversation-service"), "document-service", w("document-service"), 8084),
                denies("gateway-service", w("gateway-service"), "conversation-service", w("conversation-service"), 8082),
                denies("department-revenue", w("department-revenue"), "catalogue-service", w("catalogue-service"), 8083),
                denies("notification-service", w("notification-service"), "keycloak", c -> c.keycloak, 8080),
                // The desk: Keycloak's back-channel (keys, the code-for-token exchange) and certificate templates;
                // nothing inside the cluster calls it, and it calls no other service.
                allows("desk-service", w("desk-service"), "keycloak back-channel", c -> c.keycloak, 8080),
                allows("desk-service", w("desk-service"), "document-service", w("document-service"), 8084),
                denies("desk-service", w("desk-service"), "conversation-service", w("conversation-service"), 8082),
                denies("desk-service", w("desk-service"), "catalogue-service", w("catalogue-service"), 8083),
                denies("conversation-service", w("conversation-service"), "desk-service", w("desk-service"), 8086),
                denies("gateway-service", w("gateway-service"), "desk-service", w("desk-service"), 8086),
                denies("document-service", w("document-service"), "desk-service", w("desk-service"), 8086),
                // Meta's Graph API, from notification-service (sends) and desk-service (citizens' attachments)
                // only, HTTPS only, public addresses only.
                allows("notification-service", w("notification-service"), "graph.facebook.com", c -> META, 443),
                allows("desk-service", w("desk-service"), "graph.facebook.com", c -> META, 443),
                denies("desk-service", w("desk-service"), "graph.facebook.com:80", c -> META, 80),
                denies("desk-service", w("desk-service"), "a private address", c -> ELSEWHERE_PRIVATE, 443),
                denies("notification-service", w("notification-service"), "graph.facebook.com:80", c -> META, 80),
                denies("notification-service", w("notification-service"), "a private address", c -> ELSEWHERE_PRIVATE, 443),
                denies("gateway-service", w("gateway-service"), "graph.facebook.com", c -> META, 443),
                denies("conversation-service", w("conversation-service"), "graph.facebook.com", c -> META, 443),
                denies("department-revenue", w("department-revenue"), "the internet", c -> META, 443),
                // Data stores.
                denies("gateway-service", w("gateway-service"), "seva-pg", c -> c.postgres, POSTGRES),
                denies("department-revenue", w("department-revenue"), "seva-pg", c -> c.postgres, POSTGRES),
                denies("desk-service", w("desk-service"), "seva-keycloak-pg", c -> c.keycloakPostgres, POSTGRES),
                denies("conversation-service", w("conversation-service"), "seva-keycloak-pg", c -> c.keycloakPostgres, POSTGRES),
                allows("keycloak", c -> c.keycloak, "seva-keycloak-pg", c -> c.keycloakPostgres, POSTGRES),
                denies("gateway-service", w("gateway-service"), "kafka replication port", c -> c.kafkaBroker, 9091),
                allows("KEDA (lag)", c -> c.kedaOperator, "kafka", c -> c.kafkaBroker, KAFKA_TLS),
                allows("seva-pg replica", c -> c.postgres, "seva-pg primary", c -> c.postgres, POSTGRES),
                // The vault (issue 15): its four callers only, never the ingress controller or another service;
                // it reaches the HSM, as document-service does (signing), and nothing else does.
                allows("gateway-service", w("gateway-service"), "vault-service", w("vault-service"), VAULT),
                allows("conversation-service", w("conversation-service"), "vault-service", w("vault-service"), VAULT),
                allows("desk-service", w("desk-service"), "vault-service", w("vault-service"), VAULT),
                allows("document-service", w("document-service"), "vault-service", w("vault-service"), VAULT),
                denies("notification-service", w("notification-service"), "vault-service", w("vault-service"), VAULT),
                denies("catalogue-service", w("catalogue-service"), "vault-service", w("vault-service"), VAULT),
                denies("department-revenue", w("department-revenue"), "vault-service", w("vault-service"), VAULT),
                denies("ingress-nginx", c -> c.ingressController, "vault-service", w("vault-service"), VAULT),
                denies("a pod in another namespace", c -> c.stranger, "vault-service", w("vault-service"), VAULT),
                denies("vault-service", w("vault-service"), "conversation-service", w("conversation-service"), 8082),
                denies("vault-service", w("vault-service"), "graph.facebook.com", c -> META, 443),
                allows("vault-service", w("vault-service"), "the HSM", c -> HSM, HSM_PORT),
                allows("document-service", w("document-service"), "the HSM", c -> HSM, HSM_PORT),
                denies("conversation-service", w("conversation-service"), "the HSM", c -> HSM, HSM_PORT),
                denies("gateway-service", w("gateway-service"), "the HSM", c -> HSM, HSM_PORT),
                denies("vault-service", w("vault-service"), "a private address", c -> ELSEWHERE_PRIVATE, HSM_PORT),
                // Revocation tokens: document-service reads the realm's keys inside the cluster, as the catalogue does.
                allows("document-service", w("document-service"), "keycloak back-channel", c -> c.keycloak, 8080),
                // Payments (issue 17): Razorpay's webhooks and the settlement reports through the ingress controller
                // only; it reaches Keycloak's back-channel, Meta's and Razorpay's APIs over HTTPS on public addresses,
                // nothing inside the cluster calls it, and it calls no other service.
                allows("ingress-nginx", c -> c.ingressController, "payment-service", w("payment-service"), PAYMENT),
                denies("a pod in another namespace", c -> c.stranger, "payment-service", w("payment-service"), PAYMENT),
                denies("conversation-service", w("conversation-service"), "payment-service", w("payment-service"), PAYMENT),
                denies("gateway-service", w("gateway-service"), "payment-service", w("payment-service"), PAYMENT),
                denies("desk-service", w("desk-service"), "payment-service", w("payment-service"), PAYMENT),
                allows("payment-service", w("payment-service"), "keycloak back-channel", c -> c.keycloak, 8080),
                allows("payment-service", w("payment-service"), "graph.facebook.com", c -> META, 443),
                allows("payment-service", w("payment-service"), "api.razorpay.com", c -> RAZORPAY, 443),
                denies("payment-service", w("payment-service"), "api.razorpay.com:80", c -> RAZORPAY, 80),
                denies("payment-service", w("payment-service"), "a private address", c -> ELSEWHERE_PRIVATE, 443),
                denies("payment-service", w("payment-service"), "conversation-service", w("conversation-service"), 8082),
                denies("payment-service", w("payment-service"), "notification-service", w("notification-service"), 8085),
                denies("payment-service", w("payment-service"), "vault-service", w("vault-service"), VAULT),
                denies("payment-service", w("payment-service"), "the HSM", c -> HSM, HSM_PORT),
                denies("payment-service", w("payment-service"), "seva-keycloak-pg", c -> c.keycloakPostgres, POSTGRES),
                denies("gateway-service", w("gateway-service"), "api.razorpay.com", c -> RAZORPAY, 443)));
        for (String client : KAFKA_CLIENTS) {
            flows.add(allows(client, w(client), "kafka", c -> c.kafkaBroker, KAFKA_TLS));
            flows.add(allows(client, w(client), "kube-dns", c -> c.dns, 53));
            flows.add(allows("prometheus", c -> c.prometheus, client + " metrics", w(client), port(client)));
        }
        for (String client : POSTGRES_CLIENTS) {
            flows.add(allows(client, w(client), "seva-pg", c -> c.postgres, POSTGRES));
        }
        return flows;
    }

    private static int port(String deployment) {
        return switch (deployment) {
            case "gateway-service" -> 8081;
            case "conversation-service" -> 8082;
            case "catalogue-service" -> 8083;
            case "document-service" -> 8084;
            case "notification-service" -> 8085;
            case "desk-service" -> 8086;
            case "vault-service" -> 8087;
            case "payment-service" -> PAYMENT;
            default -> 8091;
        };
    }

    /** The sample department runs only in the local overlay (SampleDepartmentTest): its flows are checked where it runs. */
    static final String SAMPLE = "department-revenue";

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void theDataFlowIsAllowedAndNothingElse(String overlay) {
        Cluster cluster = new Cluster(Manifests.of(overlay));
        boolean sampleRuns = cluster.workloads.containsKey(SAMPLE);

        assertThat(flows()).filteredOn(f -> sampleRuns || !(f.from().equals(SAMPLE) || f.to().startsWith(SAMPLE)))
                .allSatisfy(f -> assertThat(
                cluster.network.allows(f.source().apply(cluster), f.destination().apply(cluster), f.port()))
                .as(overlay + ": " + f).isEqualTo(f.allowed()));
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void everyPodIsSelectedByTheDefaultDenyAndByAPolicyOfItsOwn(String overlay) {
        Cluster cluster = new Cluster(Manifests.of(overlay));
        NetworkPolicy defaultDeny = Manifests.of(overlay).one(NetworkPolicy.class, "default-deny");
        assertThat(defaultDeny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(defaultDeny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(defaultDeny.getSpec().getIngress()).isEmpty();
        assertThat(defaultDeny.getSpec().getEgress()).isEmpty();

        List<Pod> pods = new ArrayList<>(cluster.workloads.values());
        pods.addAll(cluster.operatorPods());
        assertThat(pods).allSatisfy(pod -> {
            List<String> names = cluster.network.selecting(pod).stream().map(p -> p.getMetadata().getName()).toList();
            assertThat(names).as(overlay + ": policies selecting " + pod).contains("default-deny")
                    .anySatisfy(n -> assertThat(n).isNotIn("default-deny", "allow-dns"));
        });
    }
}
