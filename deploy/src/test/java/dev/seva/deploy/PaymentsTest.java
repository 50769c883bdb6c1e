package dev.seva.deploy;

import dev.seva.contracts.Topics;
import dev.seva.deploy.model.Cnpg;
import dev.seva.deploy.model.Keda;
import dev.seva.deploy.model.Keycloak;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * payment-service (issue 17): public only for Razorpay's webhook and the settlement reports, its gateway
 * credentials from Secrets by name, scaled on the lag of what it settles within its role's connections,
 * payment events kept at least as long as issued documents, and an alert on every payment dead letter.
 */
class PaymentsTest {

    static final String PAYMENT = "payment-service";
    static final String WEBHOOK_INGRESS = "seva-payments";
    /** Razorpay's credentials (payment-service/README.md), all from one Secret SREs create. */
    static final List<String> RAZORPAY_SECRETS = List.of("RAZORPAY_KEY_ID", "RAZORPAY_KEY_SECRET", "RAZORPAY_WEBHOOK_SECRET");
    static final String RAZORPAY_SECRET = "seva-razorpay";

    private static Deployment payment(Manifests m) {
        return m.one(Deployment.class, PAYMENT);
    }

    private static String env(Deployment d, String name) {
        return Cluster.env(d, name).orElseThrow(() -> new AssertionError(d.getMetadata().getName() + " has no " + name)).getValue();
    }

    /** Every Ingress path served by payment-service, as "<ingress> <host><path> <pathType>". */
    private static Set<String> publicPaths(Manifests m) {
        Set<String> paths = new TreeSet<>();
        for (Ingress i : m.all(Ingress.class)) {
            i.getSpec().getRules().forEach(r -> r.getHttp().getPaths().stream()
                    .filter(p -> p.getBackend().getService().getName().equals(PAYMENT))
                    .forEach(p -> paths.add(i.getMetadata().getName() + " " + r.getHost() + p.getPath() + " " + p.getPathType())));
        }
        return paths;
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void onlyRazorpaysWebhookAndTheReportsArePublic(String overlay) {
        Manifests m = Manifests.of(overlay);
        Ingress admin = m.one(Ingress.class, "seva");
        String adminHost = admin.getSpec().getRules().get(0).getHost();
        String domain = adminHost.substring(adminHost.indexOf('.') + 1);
        Ingress webhook = m.one(Ingress.class, WEBHOOK_INGRESS);
        String payHost = "pay." + domain;

        assertThat(publicPaths(m)).as(overlay + ": payment-service's public paths (never /q)").containsExactlyInAnyOrder(
                WEBHOOK_INGRESS + " " + payHost + "/webhooks/razorpay Exact",
                "seva " + adminHost + "/reports Prefix");
        assertThat(webhook.getSpec().getTls()).singleElement().satisfies(t -> assertThat(t.getHosts()).containsExactly(payHost));
        List<HTTPIngressPath> webhookPaths = webhook.getSpec().getRules().get(0).getHttp().getPaths();
        assertThat(webhookPaths).as(overlay + ": the Razorpay host serves the webhook alone").hasSize(1);
        String bodySize = webhook.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/proxy-body-size");
        assertThat(Quantity.getAmountInBytes(new Quantity(bodySize.toUpperCase().replace("K", "Ki").replace("M", "Mi"))))
                .as(overlay + ": Razorpay's events are a few KiB").isLessThanOrEqualTo(BigDecimal.valueOf(1L << 20));
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void itsGatewayCredentialsComeFromSecretsByNameAndItsApisAreThePublicOnes(String overlay) {
        Manifests m = Manifests.of(overlay);
        Deployment payment = payment(m);

        assertThat(RAZORPAY_SECRETS).allSatisfy(name -> {
            EnvVar env = Cluster.env(payment, name).orElseThrow(() -> new AssertionError(overlay + ": payment-service has no " + name));
            assertThat(env.getValue()).as(overlay + ": " + name + " is never written in a manifest").isNull();
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).as(overlay + ": " + name + "'s Secret").isEqualTo(RAZORPAY_SECRET);
            assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(name);
        });
        EnvVar token = Cluster.env(payment, "WHATSAPP_ACCESS_TOKEN").orElseThrow();
        assertThat(token.getValue()).isNull();
        assertThat(token.getValueFrom().getSecretKeyRef()).as("the Graph API token is notification-service's")
                .isEqualTo(Cluster.env(m.one(Deployment.class, "notification-service"), "WHATSAPP_ACCESS_TOKEN").orElseThrow()
                        .getValueFrom().getSecretKeyRef());
        assertThat(env(payment, "WHATSAPP_API_BASE_URL")).isEqualTo("https://graph.facebook.com");
        assertThat(env(payment, "WHATSAPP_API_VERSION")).matches("v\\d+\\.\\d+");
        assertThat(env(payment, "RAZORPAY_API_URL")).isEqualTo("https://api.razorpay.com/v1");
        assertThat(payment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
                .singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(Integer.parseInt(env(payment, "PAYMENT_PORT"))));
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void reportTokensComeFromTheRealmInsideTheClusterAndNamePaymentService(String overlay) {
        Manifests m = Manifests.of(overlay);
        Deployment payment = payment(m);
        Keycloak.Realm realm = m.all(Keycloak.RealmImport.class).get(0).spec().realm();
        String audience = env(payment, "OIDC_AUDIENCE");

        assertThat(env(payment, "OIDC_AUTH_SERVER_URL")).as("the realm, inside the cluster, as the catalogue's")
                .isEqualTo(env(m.one(Deployment.class, "catalogue-service"), "OIDC_AUTH_SERVER_URL"));
        assertThat(realm.clients()).extracting(Keycloak.Client::clientId).contains(env(payment, "OIDC_CLIENT_ID"), audience);
        assertThat(realm.clients()).filteredOn(c -> Boolean.TRUE.equals(c.publicClient())).isNotEmpty()
                .allSatisfy(c -> assertThat(c.protocolMappers()).as(c.clientId() + "'s tokens reach the reports").anySatisfy(p -> {
                    assertThat(p.protocolMapper()).isEqualTo("oidc-audience-mapper");
                    assertThat(p.config()).containsEntry("included.client.audience", audience).containsEntry("access.token.claim", "true");
                }));
        assertThat(realm.roles().realm()).extracting(Keycloak.Role::name).contains("payments-treasury");
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void itScalesOnWhatItSettlesWithinItsRolesConnections(String overlay) {
        Manifests m = Manifests.of(overlay);
        Keda.ScaledObject scaler = m.one(Keda.ScaledObject.class, PAYMENT);
        assertThat(scaler.spec().triggers().stream().map(t -> t.metadata().get("topic")).collect(Collectors.toSet()))
                .as(overlay + ": payment-service's lag triggers").containsExactlyInAnyOrder(Topics.PAYMENTS_ORDERS, Topics.WHATSAPP_PAYMENTS);
        if (overlay.equals("production")) {
            assertThat(scaler.spec().minReplicaCount()).as("production: two replicas at least (reconciliation shares by SKIP LOCKED)")
                    .isGreaterThanOrEqualTo(2);
        }
        // Each pod, as for the desk: the reactive pool, the JDBC pool (2) and the outbox relay's replication connection (1).
        int perPod = Integer.parseInt(env(payment(m), "QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE")) + 2 + 1;
        Cnpg.Role role = m.one(Cnpg.Cluster.class, PostgresTest.CLUSTER).spec().managed().roles().stream()
                .filter(r -> r.name().equals("payment")).findFirst().orElseThrow();
        assertThat(scaler.spec().maxReplicaCount() * perPod).as(overlay + ": connections of payment-service at its most replicas")
                .isLessThanOrEqualTo(role.connectionLimit());
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void paymentEventsAreKeptAtLeastAsLongAsIssuedDocuments(String overlay) {
        Map<String, KafkaTopic> topics = Manifests.of(overlay).all(KafkaTopic.class).stream()
                .collect(Collectors.toMap(t -> t.getSpec().getTopicName(), t -> t, (a, b) -> a, TreeMap::new));
        assertThat(retention(topics.get(Topics.PAYMENTS_EVENTS))).as(overlay + ": payments.events.v1 retention (financial events)")
                .isGreaterThanOrEqualTo(retention(topics.get(Topics.DOCUMENTS_ISSUED)));
        assertThat(List.of(Topics.WHATSAPP_PAYMENTS, Topics.PAYMENTS_ORDERS, Topics.PAYMENTS_EVENTS)).allSatisfy(t ->
                assertThat(topics.get(t).getMetadata().getLabels()).as(overlay + ": " + t).containsEntry("seva.dev/partitions", "citizen"));
        assertThat(topics.get(Topics.WHATSAPP_PAYMENTS).getMetadata().getLabels()).containsEntry("seva.dev/retention", "whatsapp");
        assertThat(List.of(Topics.WHATSAPP_PAYMENTS_DLQ, Topics.PAYMENTS_ORDERS_DLQ, Topics.PAYMENTS_EVENTS_DLQ)).allSatisfy(t ->
                assertThat(topics.get(t).getMetadata().getLabels()).as(overlay + ": " + t).containsEntry("seva.dev/partitions", "small"));
    }

    private static long retention(KafkaTopic topic) {
        return ((Number) topic.getSpec().getConfig().get("retention.ms")).longValue();
    }

    private static final Pattern TOPIC_SELECTOR = Pattern.compile("topic=~\"([^\"]+)\"");

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void everyPaymentDeadLetterAlertsCritically(String overlay) {
        Rule alert = Manifests.of(overlay).all(PrometheusRule.class).stream().flatMap(r -> r.getSpec().getGroups().stream())
                .flatMap(g -> g.getRules().stream()).filter(r -> "SevaPaymentDeadLetters".equals(r.getAlert())).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no alert SevaPaymentDeadLetters"));
        Pattern watched = watchedTopics(alert.getExpr().getStrVal());

        assertThat(List.of(Topics.WHATSAPP_PAYMENTS_DLQ, Topics.PAYMENTS_ORDERS_DLQ, Topics.PAYMENTS_EVENTS_DLQ))
                .allSatisfy(t -> assertThat(watched.matcher(t).matches()).as(t).isTrue());
        assertThat(List.of(Topics.WHATSAPP_PAYMENTS, Topics.PAYMENTS_EVENTS, Topics.WHATSAPP_STATUS_DLQ, Topics.DESK_HANDOVERS_DLQ))
                .as("only payment dead letters").allSatisfy(t -> assertThat(watched.matcher(t).matches()).as(t).isFalse());
        assertThat(alert.getExpr().getStrVal()).contains("> 0");
        assertThat(alert.getLabels()).containsEntry("severity", "critical");
    }

    /** The regular expression of a PromQL topic=~"…" selector (PromQL's string escapes undone: "\\." is "\."). */
    static Pattern watchedTopics(String expr) {
        Matcher selector = TOPIC_SELECTOR.matcher(expr);
        assertThat(selector.find()).as("a topic=~ selector in " + expr).isTrue();
        return Pattern.compile(selector.group(1).replace("\\\\", "\\"));
    }

    @Test
    void promqlEscapesAreUndoneBeforeMatching() {
        Pattern p = watchedTopics("increase(x{topic=~\"payments\\\\..+\\\\.dlq\"}[5m])");
        assertThat(p.matcher("payments.events.v1.dlq").matches()).isTrue();
        assertThat(p.matcher("paymentsXevents.v1.dlq").matches()).isFalse();
    }
}
