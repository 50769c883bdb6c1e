package dev.seva.web;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guard over real SmallRye configuration (the same API Quarkus hands it at startup). Tried: a
 * launcher default reaching a production pod, a development secret inside a list (vault clients,
 * rotation lists), the devstack's database password, the local run's and the test profile's exemption,
 * an unexpandable expression, and that the refusal never prints a value.
 */
class DevelopmentSecretsGuardTest {

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(new HashMap<>(properties), "test", 500)).build();
    }

    @Test
    void refusesADevelopmentSecretInProductionNamingThePropertyNotTheValue() {
        SmallRyeConfig config = config(Map.of("seva.gateway.app-secret", "seva-dev-app-secret", "quarkus.http.port", "8081"));
        assertThatThrownBy(() -> DevelopmentSecretsGuard.check(config, List.of("prod")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("seva.gateway.app-secret")
                .hasMessageContaining("SEVA_LOCAL_RUN=true")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("seva-dev-app-secret").doesNotContain("quarkus.http.port"));
    }

    @Test
    void findsADevelopmentSecretInsideAListOfClientsOrKeys() {
        SmallRyeConfig config = config(Map.of(
                "VAULT_CLIENTS", "gateway:seva-dev-vault-gateway:tokenize;desk:s3cr3t:keys",
                "DOCUMENT_FETCH_SECRET", "Zm9vYmFy,seva-dev-document-fetch-secret",
                "seva.catalogue.url", "http://catalogue-service:8083",
                "a.hostname", "myseva-dev-host.example"));
        assertThat(DevelopmentSecretsGuard.offending(config)).containsExactly("DOCUMENT_FETCH_SECRET", "VAULT_CLIENTS");
    }

    @Test
    void refusesTheDevstacksDatabasePassword() {
        SmallRyeConfig config = config(Map.of("quarkus.datasource.password", "postgres", "quarkus.datasource.username", "postgres"));
        assertThat(DevelopmentSecretsGuard.offending(config)).containsExactly("quarkus.datasource.password");
    }

    @Test
    void letsTheLocalRunAndTheDevAndTestProfilesThrough() {
        Map<String, String> secrets = Map.of("seva.desk.session-secret", "seva-dev-desk-session-secret-0123456789ab");
        assertThatCode(() -> DevelopmentSecretsGuard.check(config(Map.of("seva.desk.session-secret", "seva-dev-x", "SEVA_LOCAL_RUN", "true")),
                List.of("prod"))).doesNotThrowAnyException();
        assertThatCode(() -> DevelopmentSecretsGuard.check(config(secrets), List.of("test"))).doesNotThrowAnyException();
        assertThatCode(() -> DevelopmentSecretsGuard.check(config(secrets), List.of("dev"))).doesNotThrowAnyException();
        // Anything but "true" is not the local run.
        assertThatThrownBy(() -> DevelopmentSecretsGuard.check(config(Map.of("seva.desk.session-secret", "seva-dev-x", "SEVA_LOCAL_RUN", "yes")),
                List.of("prod"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void startsWithRealSecretsAndIgnoresOtherProfilesAndUnsetVariables() {
        SmallRyeConfig config = config(Map.of(
                "seva.gateway.app-secret", "7b1c0f3e9a",
                "%dev.seva.gateway.app-secret", "seva-dev-app-secret",
                "seva.document.fetch-secret", "${DOCUMENT_FETCH_SECRET_NEVER_SET_IN_TESTS}"));
        assertThatCode(() -> DevelopmentSecretsGuard.check(config, List.of("prod"))).doesNotThrowAnyException();
        assertThat(DevelopmentSecretsGuard.offending(config)).isEmpty();
    }
}
