package dev.seva.deploy;

import dev.seva.contracts.Topics;
import dev.seva.deploy.model.Keda;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The department desk: officers reach its pages, never its Quarkus endpoints; it trusts the ingress's
 * forwarded headers; its secrets come from a Secret by name; it scales on the lag of everything it reads
 * in its group.
 */
class DeskTest {

    private static final String DESK = ContractTopics.DESK;
    /** The desk's secrets (desk-service/README.md, Configuration), all from one Secret SREs create. */
    static final List<String> DESK_SECRETS = List.of("DESK_OIDC_CLIENT_SECRET", "DESK_OIDC_STATE_SECRET", "DESK_SESSION_SECRET", "DESK_CSRF_SECRET");
    static final String DESK_SECRET = "seva-desk";

    private static List<HTTPIngressPath> deskPaths(Manifests m) {
        return m.all(Ingress.class).stream().flatMap(i -> i.getSpec().getRules().stream())
                .flatMap(r -> r.getHttp().getPaths().stream())
                .filter(p -> p.getBackend().getService().getName().equals(DESK)).toList();
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void officersReachThePagesAndTheApiButNotHealthMetricsOrOpenApi(String overlay) {
        List<HTTPIngressPath> paths = deskPaths(Manifests.of(overlay));

        assertThat(paths).extracting(HTTPIngressPath::getPath).as(overlay + ": the desk's public paths")
                .contains("/", "/queue", "/applications", "/threads", "/audit", "/api", "/desk", "/logout");
        assertThat(paths).as(overlay + ": /q stays inside the cluster").allSatisfy(p -> {
            assertThat(p.getPath()).isNotEqualTo("/q").doesNotStartWith("/q/");
            if (p.getPath().equals("/")) {
                assertThat(p.getPathType()).as("/ as a prefix would publish /q").isEqualTo("Exact");
            }
        });
        assertThat(Manifests.of(overlay).one(Ingress.class, "seva-desk").getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/ssl-redirect", "true").containsKey("nginx.ingress.kubernetes.io/proxy-body-size");
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void theDeskTrustsTheIngressAndTakesItsSecretsFromASecretByName(String overlay) {
        Deployment desk = Manifests.of(overlay).one(Deployment.class, DESK);

        assertThat(Cluster.env(desk, "DESK_BEHIND_PROXY")).get().extracting(EnvVar::getValue).isEqualTo("true");
        assertThat(DESK_SECRETS).allSatisfy(name -> {
            EnvVar env = Cluster.env(desk, name).orElseThrow(() -> new AssertionError(overlay + ": desk-service has no " + name));
            assertThat(env.getValue()).as(overlay + ": " + name + " is never written in a manifest").isNull();
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).as(overlay + ": " + name + "'s Secret").isEqualTo(DESK_SECRET);
            assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(name);
        });
        assertThat(Cluster.env(desk, "DOCUMENT_SERVICE_URL")).get().extracting(EnvVar::getValue).isEqualTo("http://document-service:8084");
        assertThat(Cluster.env(desk, "WHATSAPP_API_BASE_URL")).get().extracting(EnvVar::getValue).isEqualTo("https://graph.facebook.com");
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void theDeskScalesOnTheLagOfEverythingItReadsInItsGroup(String overlay) {
        Manifests m = Manifests.of(overlay);
        Keda.ScaledObject scaler = m.one(Keda.ScaledObject.class, DESK);
        Set<String> expected = new TreeSet<>(Set.of(Topics.CONVERSATION_HANDOVERS));
        ContractTopics.departmentsOfTheDesk(m).forEach(d -> expected.addAll(Set.of(Topics.departmentApplications(d), Topics.departmentLookups(d))));

        assertThat(scaler.spec().triggers().stream().map(t -> t.metadata().get("topic")).collect(Collectors.toSet()))
                .as(overlay + ": the desk's lag triggers").isEqualTo(expected);
        assertThat(ContractTopics.departmentsOfTheDesk(m)).as(overlay + ": departments the desk serves").isNotEmpty();
        assertThat(Cluster.env(m.one(Deployment.class, DESK), "DESK_DEPARTMENTS").orElseThrow().getValue().split(","))
                .as(overlay + ": the general help desk of human handover").contains(ContractTopics.HELPDESK);
    }
}
