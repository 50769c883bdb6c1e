package dev.seva.deploy;

import dev.seva.deploy.model.Keda;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Deployment runs under the restricted pod security standard with probes and resources, from
 * an image with an explicit version, and comes with its Service, ServiceAccount, PodDisruptionBudget,
 * ServiceMonitor and exactly one autoscaler.
 */
class WorkloadsTest {

    private static final Map<String, String> PROBE_PATHS = Map.of(
            "startup", "/q/health/started", "liveness", "/q/health/live", "readiness", "/q/health/ready");

    private static List<Deployment> deployments(String overlay) {
        List<Deployment> all = Manifests.of(overlay).all(Deployment.class);
        assertThat(all).as("Deployments").isNotEmpty();
        return all;
    }

    private static List<Container> containers(PodSpec pod) {
        return Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()).toList();
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void everyPodRunsRestricted(String overlay) {
        assertThat(deployments(overlay)).allSatisfy(d -> {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            String name = overlay + ": " + d.getMetadata().getName();
            assertThat(pod.getSecurityContext()).as(name + " pod securityContext").isNotNull();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name + " runAsNonRoot").isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(name + " runAsUser").isNotNull().isPositive();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name + " seccomp").isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as(name + " automountServiceAccountToken").isFalse();
            assertThat(pod.getHostNetwork()).as(name + " hostNetwork").isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostPID()).as(name + " hostPID").isNotEqualTo(Boolean.TRUE);
            assertThat(containers(pod)).allSatisfy(c -> {
                SecurityContext sc = c.getSecurityContext();
                String where = name + " container " + c.getName();
                assertThat(sc).as(where + " securityContext").isNotNull();
                assertThat(sc.getAllowPrivilegeEscalation()).as(where + " allowPrivilegeEscalation").isFalse();
                assertThat(sc.getReadOnlyRootFilesystem()).as(where + " readOnlyRootFilesystem").isTrue();
                assertThat(sc.getPrivileged()).as(where + " privileged").isNotEqualTo(Boolean.TRUE);
                assertThat(sc.getRunAsNonRoot()).as(where + " runAsNonRoot").isNotEqualTo(Boolean.FALSE);
                assertThat(sc.getCapabilities().getDrop()).as(where + " capabilities dropped").containsExactly("ALL");
                assertThat(sc.getCapabilities().getAdd()).as(where + " capabilities added").isEmpty();
            });
        });
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void theReadOnlyRootFilesystemLeavesAWritableTmp(String overlay) {
        assertThat(deployments(overlay)).allSatisfy(d -> {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            assertThat(pod.getContainers()).allSatisfy(c -> {
                VolumeMount tmp = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                        .orElseThrow(() -> new AssertionError(overlay + ": " + d.getMetadata().getName() + " mounts nothing at /tmp"));
                Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst().orElseThrow();
                assertThat(volume.getEmptyDir()).as(overlay + ": " + d.getMetadata().getName() + " /tmp is an emptyDir").isNotNull();
            });
        });
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void everyContainerHasHealthProbesAndResources(String overlay) {
        assertThat(deployments(overlay)).allSatisfy(d -> assertThat(d.getSpec().getTemplate().getSpec().getContainers()).allSatisfy(c -> {
            String where = overlay + ": " + d.getMetadata().getName() + "/" + c.getName();
            List<String> portNames = c.getPorts().stream().map(p -> p.getName()).toList();
            Map<String, Probe> probes = Map.of("startup", nonNull(c.getStartupProbe(), where + " startupProbe"),
                    "liveness", nonNull(c.getLivenessProbe(), where + " livenessProbe"),
                    "readiness", nonNull(c.getReadinessProbe(), where + " readinessProbe"));
            probes.forEach((kind, probe) -> {
                HTTPGetAction get = nonNull(probe.getHttpGet(), where + " " + kind + " probe httpGet");
                assertThat(get.getPath()).as(where + " " + kind + " probe path").isEqualTo(PROBE_PATHS.get(kind));
                assertThat(get.getPort().getStrVal()).as(where + " " + kind + " probe port (a declared port name)").isIn(portNames);
            });
            Map<String, Quantity> requests = c.getResources().getRequests();
            Map<String, Quantity> limits = c.getResources().getLimits();
            assertThat(requests).as(where + " requests").containsKeys("cpu", "memory");
            assertThat(limits).as(where + " limits").containsKeys("cpu", "memory");
            assertThat(Quantity.getAmountInBytes(limits.get("memory"))).as(where + " memory limit >= request")
                    .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("memory")));
            assertThat(Quantity.getAmountInBytes(limits.get("cpu"))).as(where + " cpu limit >= request")
                    .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("cpu")));
        }));
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void noImageIsLatestOrUntagged(String overlay) {
        assertThat(deployments(overlay)).allSatisfy(d -> assertThat(containers(d.getSpec().getTemplate().getSpec()))
                .allSatisfy(c -> assertThat(explicitVersion(c.getImage())).as(overlay + ": image " + c.getImage()).isTrue()));
    }

    static Stream<Arguments> imageReferences() {
        return Stream.of(
                Arguments.of("seva/gateway-service:0.1.0", true),
                Arguments.of("registry.example.gov.in:5000/seva/gateway-service:3f2a9c1", true),
                Arguments.of("seva/gateway-service@sha256:0123456789abcdef", true),
                Arguments.of("seva/gateway-service:latest", false),
                Arguments.of("seva/gateway-service", false),
                Arguments.of("registry.example.gov.in:5000/seva/gateway-service", false));
    }

    /** True when the image names a version: a digest, or a tag that is not "latest". */
    static boolean explicitVersion(String image) {
        if (image.contains("@sha256:")) {
            return true;
        }
        String last = image.substring(image.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        return colon > 0 && colon < last.length() - 1 && !last.substring(colon + 1).equalsIgnoreCase("latest");
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void everyDeploymentHasItsServiceAccountServiceBudgetMonitorAndOneAutoscaler(String overlay) {
        Manifests m = Manifests.of(overlay);
        assertThat(deployments(overlay)).allSatisfy(d -> {
            String name = d.getMetadata().getName();
            Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(m.has(ServiceAccount.class, d.getSpec().getTemplate().getSpec().getServiceAccountName()))
                    .as(overlay + ": " + name + "'s ServiceAccount").isTrue();
            List<Service> services = m.all(Service.class).stream().filter(s -> selects(s.getSpec().getSelector(), podLabels)).toList();
            assertThat(services).as(overlay + ": Services of " + name).hasSize(1);
            assertThat(m.all(PodDisruptionBudget.class)).as(overlay + ": PodDisruptionBudget of " + name)
                    .filteredOn(p -> NetworkPolicyModel.matches(p.getSpec().getSelector(), podLabels)).hasSize(1);
            assertThat(m.all(ServiceMonitor.class)).as(overlay + ": ServiceMonitor of " + name)
                    .filteredOn(s -> NetworkPolicyModel.matches(s.getSpec().getSelector(), services.get(0).getMetadata().getLabels()))
                    .singleElement().satisfies(s -> assertThat(s.getSpec().getEndpoints()).allSatisfy(e -> {
                        assertThat(e.getPath()).isEqualTo("/q/metrics");
                        assertThat(services.get(0).getSpec().getPorts()).anySatisfy(p -> assertThat(p.getName()).isEqualTo(e.getPort()));
                    }));
            long hpas = m.all(HorizontalPodAutoscaler.class).stream().filter(h -> h.getSpec().getScaleTargetRef().getName().equals(name)).count();
            long scaledObjects = m.all(Keda.ScaledObject.class).stream().filter(s -> s.spec().scaleTargetRef().name().equals(name)).count();
            assertThat(hpas + scaledObjects).as(overlay + ": autoscalers of " + name).isEqualTo(1);
            assertThat(d.getSpec().getReplicas()).as(overlay + ": " + name + " replicas are the autoscaler's").isNull();
        });
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static <T> T nonNull(T value, String what) {
        assertThat(value).as(what).isNotNull();
        return value;
    }
}
