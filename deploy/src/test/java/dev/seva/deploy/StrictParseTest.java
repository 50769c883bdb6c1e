package dev.seva.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The strict parse rejects what a cluster would silently drop or misread: misspelt fields, secrets, unknown kinds. */
class StrictParseTest {

    record Case(String label, String yaml, String expectedInError) {
        @Override
        public String toString() {
            return label;
        }
    }

    static List<Case> rejected() {
        return List.of(
                new Case("misspelt probe in a Deployment (fabric8 would keep it aside)", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: x}
                        spec:
                          selector: {matchLabels: {a: b}}
                          template:
                            metadata: {labels: {a: b}}
                            spec:
                              containers:
                                - name: app
                                  image: x:1
                                  readinesProbe: {httpGet: {path: /q/health/ready, port: http}}
                        """, "readinesProbe"),
                new Case("misspelt ACL operations in a KafkaUser", """
                        apiVersion: kafka.strimzi.io/v1
                        kind: KafkaUser
                        metadata: {name: x}
                        spec:
                          authentication: {type: tls}
                          authorization:
                            type: simple
                            acls:
                              - resource: {type: topic, name: t}
                                operatons: [Read]
                        """, "operatons"),
                new Case("a KafkaTopic with 'partition'", """
                        apiVersion: kafka.strimzi.io/v1
                        kind: KafkaTopic
                        metadata: {name: t}
                        spec: {partition: 3, replicas: 3}
                        """, "partition"),
                new Case("an HPA field in a ScaledObject", """
                        apiVersion: keda.sh/v1alpha1
                        kind: ScaledObject
                        metadata: {name: x}
                        spec:
                          scaleTargetRef: {name: x}
                          maxReplicaCount: 3
                          maxReplicas: 3
                          triggers: [{type: kafka, metadata: {topic: t}}]
                        """, "maxReplicas"),
                new Case("a client secret in the realm", """
                        apiVersion: k8s.keycloak.org/v2alpha1
                        kind: KeycloakRealmImport
                        metadata: {name: r}
                        spec:
                          keycloakCRName: k
                          realm:
                            realm: seva
                            clients: [{clientId: c, secret: hunter2}]
                        """, "secret"),
                new Case("a CloudNativePG Cluster without storage", """
                        apiVersion: postgresql.cnpg.io/v1
                        kind: Cluster
                        metadata: {name: c}
                        spec: {instances: 3, imageName: "ghcr.io/cloudnative-pg/postgresql:17.6"}
                        """, "storage"),
                new Case("a kind with no typed model", """
                        apiVersion: apps/v1
                        kind: DaemonSet
                        metadata: {name: x}
                        spec: {}
                        """, "no typed model"),
                new Case("a duplicated key", """
                        apiVersion: v1
                        kind: ServiceAccount
                        metadata: {name: x, name: y}
                        """, "name"));
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void rejects(Case c) {
        assertThatThrownBy(() -> Manifests.parse("fixture", c.yaml())).hasMessageContaining(c.expectedInError());
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.WorkloadsTest#imageReferences")
    void tellsExplicitVersionsFromLatest(String image, boolean explicit) {
        assertThat(WorkloadsTest.explicitVersion(image)).as(image).isEqualTo(explicit);
    }
}
