package dev.seva.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seva.deploy.model.Keda;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Alerts for lag, dead letters, webhook 5xx and send failures, each with a runbook; the dashboard; scraping of the operators' pods. */
class MonitoringTest {

    private static List<Rule> alerts(Manifests m) {
        return m.all(PrometheusRule.class).stream().flatMap(r -> r.getSpec().getGroups().stream())
                .flatMap(g -> g.getRules().stream()).filter(r -> r.getAlert() != null).toList();
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void theFourQuietFailuresAlert(String overlay) {
        assertThat(alerts(Manifests.of(overlay))).extracting(Rule::getAlert)
                .contains("SevaConsumerLagHigh", "SevaDeadLettersGrowing", "SevaWebhook5xx", "SevaSendFailures");
    }

    /**
     * The security alerts of issue 15, on the metric names the services publish (issue 15's shared context):
     * a signature failure, a cross-department dead letter, revocations above a rate, a spike of vault
     * refusals and an unavailable vault. Tried against the earlier rules: none of these existed.
     */
    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void theSecurityAlertsWatchTheirMetrics(String overlay) {
        Map<String, Rule> byName = alerts(Manifests.of(overlay)).stream().collect(Collectors.toMap(Rule::getAlert, r -> r));
        Map<String, String> expected = Map.of(
                "SevaSignatureFailures", "seva_document_signature_failures_total",
                "SevaWebhookSignatureFailures", "seva_gateway_webhooks_rejected_total{reason=~\"signature_.+\"}",
                "SevaCrossDepartmentDeadLetters", "seva_dead_letters_total{reason=\"department-mismatch\"}",
                "SevaRevocationsHigh", "seva_document_revocations_total",
                "SevaVaultRefusalsSpike", "seva_vault_refusals_total",
                "SevaVaultUnavailable", "up{job=\"vault-service\"}");
        expected.forEach((alert, metric) -> {
            assertThat(byName).as(overlay + ": alert " + alert).containsKey(alert);
            assertThat(byName.get(alert).getExpr().getStrVal()).as(alert + " expr").contains(metric);
        });
        // Any signature failure and any cross-department dead letter is worth waking someone for.
        assertThat(byName.get("SevaSignatureFailures").getExpr().getStrVal()).contains("> 0");
        assertThat(byName.get("SevaCrossDepartmentDeadLetters").getExpr().getStrVal()).contains("> 0");
        assertThat(List.of("SevaSignatureFailures", "SevaCrossDepartmentDeadLetters", "SevaVaultUnavailable", "SevaVaultRefusalsSpike"))
                .allSatisfy(a -> assertThat(byName.get(a).getLabels()).as(a).containsEntry("severity", "critical"));
        assertThat(byName.get("SevaVaultUnavailable").getExpr().getStrVal()).as("no vault at all also alerts").contains("absent(");
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void everyAlertHasASeverityAndARunbookInTheReadme(String overlay) throws IOException {
        Set<String> anchors = readmeAnchors();
        assertThat(alerts(Manifests.of(overlay))).allSatisfy(r -> {
            assertThat(r.getExpr().getStrVal()).as(r.getAlert() + " expr").isNotBlank();
            assertThat(r.getLabels()).as(r.getAlert()).containsKey("severity");
            String runbook = r.getAnnotations().get("runbook");
            assertThat(runbook).as(r.getAlert() + " runbook").startsWith("deploy/README.md#");
            assertThat(anchors).as(r.getAlert() + " runbook section").contains(runbook.substring(runbook.indexOf('#') + 1));
        });
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void theDashboardIsLoadedByGrafana(String overlay) throws IOException {
        ConfigMap dashboard = Manifests.of(overlay).one(ConfigMap.class, "seva-grafana-dashboard");
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getData()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(dashboard.getData().values().iterator().next());
        assertThat(json.path("uid").asText()).isNotBlank();
        assertThat(json.path("panels")).isNotEmpty().allSatisfy(p -> assertThat(p.path("targets").get(0).path("expr").asText()).isNotBlank());
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void kafkaAndPostgresAreScraped(String overlay) {
        assertThat(Manifests.of(overlay).all(PodMonitor.class)).extracting(p -> p.getMetadata().getName())
                .contains("seva-kafka", "seva-postgres");
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void theLagAlertsWatchEveryGroupThatScalesOnLag(String overlay) {
        Manifests m = Manifests.of(overlay);
        List<Rule> lag = alerts(m).stream().filter(r -> r.getAlert().startsWith("SevaConsumerLag")).toList();
        assertThat(lag).as(overlay + ": lag alerts").isNotEmpty();
        Set<String> groups = m.all(Keda.ScaledObject.class).stream().flatMap(s -> s.spec().triggers().stream())
                .map(t -> t.metadata().get("consumerGroup")).collect(Collectors.toSet());
        assertThat(lag).allSatisfy(r -> {
            Matcher selector = Pattern.compile("consumergroup=~\"([^\"]+)\"").matcher(r.getExpr().getStrVal());
            assertThat(selector.find()).as(r.getAlert() + " selects consumer groups").isTrue();
            Pattern watched = Pattern.compile(selector.group(1));
            assertThat(groups).as(overlay + ": groups " + r.getAlert() + " watches").allSatisfy(g -> assertThat(watched.matcher(g).matches()).as(g).isTrue());
        });
    }

    @Test
    void readmeAnchorsFollowGitHubsRule() {
        assertThat(anchor("Webhook 5xx")).isEqualTo("webhook-5xx");
        assertThat(anchor("Outbox relay stuck")).isEqualTo("outbox-relay-stuck");
    }

    static Set<String> readmeAnchors() throws IOException {
        return Files.readAllLines(Kustomize.DEPLOY.resolve("README.md")).stream().filter(l -> l.startsWith("#"))
                .map(l -> anchor(l.replaceFirst("^#+\\s*", ""))).collect(Collectors.toSet());
    }

    private static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }
}
