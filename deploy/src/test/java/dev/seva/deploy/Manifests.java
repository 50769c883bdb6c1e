package dev.seva.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seva.deploy.model.Cnpg;
import dev.seva.deploy.model.Keda;
import dev.seva.deploy.model.Keycloak;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Map.entry;

/**
 * One overlay's rendered objects, each parsed with a typed model under {@link StrictMapper}: Kubernetes'
 * own kinds with fabric8's model, Strimzi's with Strimzi's, the Prometheus operator's with fabric8's
 * monitoring model, KEDA's, CloudNativePG's and Keycloak's with the records in {@code model}. A kind
 * with no model here fails the parse, so nothing reaches a cluster unchecked.
 */
final class Manifests {

    /** A rendered object: its identity and its typed form. */
    record Obj(String apiVersion, String kind, String name, String namespace, Object typed, JsonNode raw) {
    }

    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            entry("v1/Namespace", Namespace.class),
            entry("v1/ConfigMap", ConfigMap.class),
            entry("v1/Secret", Secret.class),
            entry("v1/Service", Service.class),
            entry("v1/ServiceAccount", ServiceAccount.class),
            entry("apps/v1/Deployment", Deployment.class),
            entry("apps/v1/StatefulSet", StatefulSet.class),
            entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            entry("networking.k8s.io/v1/Ingress", Ingress.class),
            entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            entry("monitoring.coreos.com/v1/PodMonitor", PodMonitor.class),
            entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class),
            entry("keda.sh/v1alpha1/ScaledObject", Keda.ScaledObject.class),
            entry("keda.sh/v1alpha1/TriggerAuthentication", Keda.TriggerAuthentication.class),
            entry("postgresql.cnpg.io/v1/Cluster", Cnpg.Cluster.class),
            entry("postgresql.cnpg.io/v1/Database", Cnpg.Database.class),
            entry("postgresql.cnpg.io/v1/ScheduledBackup", Cnpg.ScheduledBackup.class),
            entry("barmancloud.cnpg.io/v1/ObjectStore", Cnpg.ObjectStore.class),
            entry("k8s.keycloak.org/v2alpha1/Keycloak", Keycloak.Server.class),
            entry("k8s.keycloak.org/v2alpha1/KeycloakRealmImport", Keycloak.RealmImport.class));

    private static final ObjectMapper MAPPER = StrictMapper.create();
    private static final Map<String, Manifests> PARSED = new ConcurrentHashMap<>();

    private final String overlay;
    private final List<Obj> objects;

    private Manifests(String overlay, List<Obj> objects) {
        this.overlay = overlay;
        this.objects = List.copyOf(objects);
    }

    /** The overlay rendered and parsed (once per test run). */
    static Manifests of(String overlay) {
        return PARSED.computeIfAbsent(overlay, o -> parse(o, Kustomize.render(o)));
    }

    static Manifests parse(String overlay, String yaml) {
        List<Obj> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isNull() || doc.isEmpty()) {
                    continue;
                }
                objects.add(typed(doc));
            }
        } catch (IOException e) {
            throw new IllegalStateException(overlay + ": not YAML: " + e.getMessage(), e);
        }
        return new Manifests(overlay, objects);
    }

    private static Obj typed(JsonNode doc) {
        String apiVersion = doc.path("apiVersion").asText();
        String kind = doc.path("kind").asText();
        String name = doc.path("metadata").path("name").asText();
        String id = apiVersion + "/" + kind;
        Class<?> model = MODELS.get(id);
        if (model == null) {
            throw new IllegalStateException(id + " " + name + ": no typed model for this kind (add one to Manifests.MODELS)");
        }
        try {
            Object typed = MAPPER.treeToValue(doc, model);
            return new Obj(apiVersion, kind, name, doc.path("metadata").path("namespace").asText(null), typed, doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(id + " " + name + " does not match its model: " + e.getOriginalMessage(), e);
        }
    }

    String overlay() {
        return overlay;
    }

    List<Obj> objects() {
        return objects;
    }

    <T> List<T> all(Class<T> type) {
        return objects.stream().filter(o -> type.isInstance(o.typed())).map(o -> type.cast(o.typed())).toList();
    }

    <T> T one(Class<T> type, String name) {
        return objects.stream().filter(o -> type.isInstance(o.typed()) && o.name().equals(name)).map(o -> type.cast(o.typed()))
                .findFirst().orElseThrow(() -> new NoSuchElementException(overlay + ": no " + type.getSimpleName() + " " + name));
    }

    boolean has(Class<?> type, String name) {
        return objects.stream().anyMatch(o -> type.isInstance(o.typed()) && o.name().equals(name));
    }
}
