package dev.seva.deploy.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of KEDA's custom resources (keda.sh/v1alpha1, KEDA 2.x) that Seva uses, as strict
 * records: a field not declared here fails the parse. Add a field here, from KEDA's CRD reference,
 * before using it in a manifest.
 */
public final class Keda {

    /** Metadata keys of the kafka scaler (KEDA docs, "Apache Kafka" scaler). */
    public static final Set<String> KAFKA_TRIGGER_KEYS = Set.of("bootstrapServers", "consumerGroup", "topic",
            "lagThreshold", "activationLagThreshold", "offsetResetPolicy", "allowIdleConsumers",
            "scaleToZeroOnInvalidOffset", "excludePersistentLag", "limitToPartitionsWithLag", "partitionLimitation",
            "version", "tls", "sasl", "unsafeSsl");

    private Keda() {
    }

    public record ScaledObject(@JsonProperty(required = true) String apiVersion, @JsonProperty(required = true) String kind,
                               @JsonProperty(required = true) ObjectMeta metadata, @JsonProperty(required = true) ScaledObjectSpec spec) {
    }

    public record ScaledObjectSpec(@JsonProperty(required = true) ScaleTargetRef scaleTargetRef,
                                   Integer minReplicaCount, @JsonProperty(required = true) Integer maxReplicaCount,
                                   Integer pollingInterval, Integer cooldownPeriod,
                                   @JsonProperty(required = true) List<Trigger> triggers) {
    }

    public record ScaleTargetRef(String apiVersion, String kind, @JsonProperty(required = true) String name) {
    }

    public record Trigger(@JsonProperty(required = true) String type, @JsonProperty(required = true) Map<String, String> metadata,
                          AuthenticationRef authenticationRef) {
    }

    public record AuthenticationRef(@JsonProperty(required = true) String name, String kind) {
    }

    public record TriggerAuthentication(@JsonProperty(required = true) String apiVersion, @JsonProperty(required = true) String kind,
                                        @JsonProperty(required = true) ObjectMeta metadata,
                                        @JsonProperty(required = true) TriggerAuthenticationSpec spec) {
    }

    public record TriggerAuthenticationSpec(@JsonProperty(required = true) List<SecretTargetRef> secretTargetRef) {
    }

    public record SecretTargetRef(@JsonProperty(required = true) String parameter, @JsonProperty(required = true) String name,
                                  @JsonProperty(required = true) String key) {
    }
}
