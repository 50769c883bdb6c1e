package dev.seva.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The AsyncAPI document and the code agree: same topics, and every referenced schema exists. */
class AsyncApiDocumentTest {

    @Test
    void documentsEveryPlatformTopicAndOnlyThose() throws Exception {
        JsonNode doc = read();
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        Set<String> addresses = new HashSet<>();
        doc.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        Set<String> expected = new HashSet<>(Topics.PLATFORM);
        expected.add("dept.{dept}.applications.v1");
        expected.add("dept.{dept}.outcomes.v1");
        expected.add("dept.{dept}.lookups.v1");
        expected.add("dept.{dept}.answers.v1");
        assertThat(addresses).isEqualTo(expected);
    }

    @Test
    void everyMessageSchemaReferenceResolves() throws Exception {
        JsonNode doc = read();
        doc.path("components").path("messages").forEach(message -> {
            String ref = message.path("payload").path("schema").path("$ref").asText();
            assertThat(getClass().getClassLoader().getResource("contracts/" + ref)).as(ref).isNotNull();
        });
    }

    private JsonNode read() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("contracts/asyncapi.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }
}
