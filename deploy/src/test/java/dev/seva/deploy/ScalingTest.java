package dev.seva.deploy;

import dev.seva.deploy.model.Keda;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consumers scale with KEDA on their consumer group's lag, never past the partitions of a topic they
 * scale on; the gateway (which consumes nothing), the catalogue (one group per instance) and the vault
 * (HTTP calls; erasure requests are rare) scale on CPU with an HPA.
 */
class ScalingTest {

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void lagScalingNeverExceedsThePartitionsItScalesOn(String overlay) {
        Manifests m = Manifests.of(overlay);
        Map<String, Integer> partitions = m.all(KafkaTopic.class).stream()
                .collect(Collectors.toMap(t -> t.getSpec().getTopicName(), t -> t.getSpec().getPartitions()));
        assertThat(m.all(Keda.ScaledObject.class)).isNotEmpty().allSatisfy(s -> {
            String name = overlay + ": ScaledObject " + s.metadata().getName();
            assertThat(s.spec().minReplicaCount()).as(name + " min").isPositive().isLessThanOrEqualTo(s.spec().maxReplicaCount());
            assertThat(s.spec().triggers()).as(name + " triggers").isNotEmpty().allSatisfy(t -> {
                String topic = t.metadata().get("topic");
                assertThat(partitions).as(name + " trigger topic").containsKey(topic);
                assertThat(s.spec().maxReplicaCount()).as(name + " maxReplicaCount vs partitions of " + topic)
                        .isLessThanOrEqualTo(partitions.get(topic));
            });
        });
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void lagTriggersReadTheServicesOwnGroupWithItsOwnIdentity(String overlay) {
        Manifests m = Manifests.of(overlay);
        Kafka kafka = m.all(Kafka.class).get(0);
        String bootstrap = kafka.getMetadata().getName() + "-kafka-bootstrap." + Cluster.NAMESPACE + ".svc:"
                + kafka.getSpec().getKafka().getListeners().get(0).getPort();
        String clusterCa = kafka.getMetadata().getName() + "-cluster-ca-cert";
        assertThat(m.all(Keda.ScaledObject.class)).allSatisfy(s -> {
            String target = s.spec().scaleTargetRef().name();
            assertThat(m.has(Deployment.class, target)).as(overlay + ": target " + target).isTrue();
            assertThat(s.spec().triggers()).allSatisfy(t -> {
                String where = overlay + ": " + target + " trigger on " + t.metadata().get("topic");
                assertThat(t.type()).as(where).isEqualTo("kafka");
                assertThat(Keda.KAFKA_TRIGGER_KEYS).as(where + " metadata keys").containsAll(t.metadata().keySet());
                assertThat(t.metadata()).as(where).containsEntry("bootstrapServers", bootstrap).containsEntry("tls", "enable")
                        .containsKeys("consumerGroup", "topic", "lagThreshold");
                Keda.TriggerAuthentication auth = m.one(Keda.TriggerAuthentication.class, t.authenticationRef().name());
                Map<String, String> secrets = auth.spec().secretTargetRef().stream()
                        .collect(Collectors.toMap(Keda.SecretTargetRef::parameter, r -> r.name() + "/" + r.key()));
                String user = secrets.get("cert").split("/")[0];
                assertThat(secrets).as(where + " credentials").containsEntry("ca", clusterCa + "/ca.crt")
                        .containsEntry("cert", user + "/user.crt").containsEntry("key", user + "/user.key");
                Set<String> grants = Acls.grants(m.one(KafkaUser.class, user));
                assertThat(grants).as(where + ": " + user + " reads the group and the topic")
                        .contains("Read group " + t.metadata().get("consumerGroup"), "Read topic " + t.metadata().get("topic"));
                String expectedGroup = target.startsWith("department-") ? "dept-" + target.substring("department-".length()) : target;
                assertThat(t.metadata().get("consumerGroup")).as(where + " group").isEqualTo(expectedGroup);
            });
        });
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void theGatewayTheCatalogueAndTheVaultScaleOnCpu(String overlay) {
        Manifests m = Manifests.of(overlay);
        assertThat(m.all(HorizontalPodAutoscaler.class)).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrder("gateway-service", "catalogue-service", "vault-service");
        assertThat(m.all(HorizontalPodAutoscaler.class)).allSatisfy(h -> {
            assertThat(h.getSpec().getMinReplicas()).isPositive().isLessThanOrEqualTo(h.getSpec().getMaxReplicas());
            assertThat(h.getSpec().getMetrics()).anySatisfy(metric -> assertThat(metric.getResource().getName()).isEqualTo("cpu"));
        });
    }
}
