package dev.seva.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The operators' audit line: which paths are audited, and what the JSON holds (and never holds). */
class AuditLineTest {

    @Test
    void auditsThePrefixesAndWhatIsUnderThemOnly() {
        List<String> prefixes = List.of("/admin", "/documents/");
        assertThat(AuditLine.audited("/admin", prefixes)).isTrue();
        assertThat(AuditLine.audited("/admin/services/rev-income", prefixes)).isTrue();
        assertThat(AuditLine.audited("/documents/9f2c/revocation", prefixes)).isTrue();
        assertThat(AuditLine.audited("/administer", prefixes)).isFalse();
        assertThat(AuditLine.audited("/verify/9f2c", prefixes)).isFalse();
        assertThat(AuditLine.audited("/webhook", prefixes)).isFalse();
        assertThat(AuditLine.audited(null, prefixes)).isFalse();
    }

    @Test
    void writesOneJsonObjectWithWhoWhatAndStatusButNoQueryString() throws Exception {
        String json = new AuditLine(Instant.parse("2026-12-02T18:30:00Z"), "ops.kumar", Set.of("documents-admin", "catalogue-admin"),
                "POST", "/admin/services/rev-income?phone=919876543210", 403).json();
        JsonNode line = new ObjectMapper().readTree(json);
        assertThat(line.path("time").asText()).isEqualTo("2026-12-02T18:30:00Z");
        assertThat(line.path("subject").asText()).isEqualTo("ops.kumar");
        assertThat(line.path("roles")).extracting(JsonNode::asText).containsExactly("catalogue-admin", "documents-admin");
        assertThat(line.path("method").asText()).isEqualTo("POST");
        assertThat(line.path("path").asText()).isEqualTo("/admin/services/rev-income");
        assertThat(line.path("status").asInt()).isEqualTo(403);
        assertThat(json).doesNotContain("919876543210").doesNotContain("\n");
    }
}
