package dev.seva.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log of operators' access (logger seva.audit, written by web-support's OperatorAuditFilter) is
 * shipped in its own stream and kept at least 400 days (issue 15: at least a year). Checks the pipeline the
 * deploy ships for the log agent and Loki: the audit logger is routed to a stream of its own, and that
 * stream's retention is 400 days or more. Tried: a retention of 365 days (fails: a year must be complete at
 * an audit), a rule for another logger, a stream label that the retention does not select.
 */
class AuditLogRetentionTest {

    /** web-support's OperatorAuditFilter.LOGGER (deploy does not depend on the services' code). */
    static final String AUDIT_LOGGER = "seva.audit";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern HOURS = Pattern.compile("^(\\d+)h$");
    private static final Pattern DAYS = Pattern.compile("^(\\d+)d$");

    static Duration period(String text) {
        Matcher h = HOURS.matcher(text);
        if (h.matches()) {
            return Duration.ofHours(Long.parseLong(h.group(1)));
        }
        Matcher d = DAYS.matcher(text);
        if (d.matches()) {
            return Duration.ofDays(Long.parseLong(d.group(1)));
        }
        throw new AssertionError("Not a Loki period: " + text);
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void theAuditStreamIsKeptAtLeast400Days(String overlay) throws Exception {
        ConfigMap pipeline = Manifests.of(overlay).one(ConfigMap.class, "seva-audit-log-pipeline");
        JsonNode agent = YAML.readTree(pipeline.getData().get("fluent-bit.yaml"));
        JsonNode loki = YAML.readTree(pipeline.getData().get("loki-limits.yaml"));

        // The agent re-tags the audit logger's lines, and sends that tag with a stream label of its own.
        String auditTag = null;
        for (JsonNode filter : agent.path("pipeline").path("filters")) {
            if (filter.path("name").asText().equals("rewrite_tag")) {
                String[] rule = filter.path("rule").asText().split("\\s+");
                assertThat(rule[0]).as("the rule reads the logger's name from the JSON line").isEqualTo("$loggerName");
                assertThat(Pattern.compile(rule[1]).matcher(AUDIT_LOGGER).matches()).as("the rule selects " + AUDIT_LOGGER).isTrue();
                assertThat(Pattern.compile(rule[1]).matcher("dev.seva.gateway.api.WebhookResource").matches()).isFalse();
                auditTag = rule[2];
            }
        }
        assertThat(auditTag).as("a rewrite_tag filter for the audit logger").isNotNull();
        List<String> labels = new ArrayList<>();
        for (JsonNode output : agent.path("pipeline").path("outputs")) {
            if (output.path("match").asText().equals(auditTag)) {
                labels.add(output.path("labels").asText());
            }
        }
        assertThat(labels).as("outputs of the audit tag").hasSize(1);
        Matcher stream = Pattern.compile("stream=([a-z0-9-]+)").matcher(labels.get(0));
        assertThat(stream.find()).as("the audit output's stream label").isTrue();

        // Loki keeps that stream 400 days or more, and its compactor enforces retention.
        assertThat(loki.path("compactor").path("retention_enabled").asBoolean()).isTrue();
        String selector = "{stream=\"" + stream.group(1) + "\"}";
        List<Duration> periods = new ArrayList<>();
        for (JsonNode rule : loki.path("limits_config").path("retention_stream")) {
            if (rule.path("selector").asText().replace(" ", "").equals(selector)) {
                periods.add(period(rule.path("period").asText()));
            }
        }
        assertThat(periods).as("retention of " + selector).singleElement()
                .satisfies(p -> assertThat(p).isGreaterThanOrEqualTo(Duration.ofDays(400)));
    }
}
