package dev.seva.privacy.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealedJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CitizenKey key(String citizenRef) {
        byte[] material = new byte[32];
        material[3] = 42;
        return new CitizenKey(citizenRef, "k1", material);
    }

    @Test
    void everyKindOfFieldValueSurvivesSealingWithItsType() throws Exception {
        CitizenKey key = key("cit_a");
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        fields.put("applicantName", JSON.readTree("\"Lakshmi Venkata\""));
        fields.put("annualIncome", JSON.readTree("84000"));
        fields.put("residence", JSON.readTree("{\"latitude\":16.5,\"longitude\":80.6,\"address\":\"Gandhi Nagar\"}"));
        fields.put("aadhaar", JSON.readTree("{\"token\":\"aad_0123456789abcdef\",\"masked\":\"XXXX XXXX 1234\"}"));

        Map<String, JsonNode> sealed = SealedJson.sealAll(key, fields);

        assertThat(sealed.keySet()).containsExactlyElementsOf(fields.keySet());
        assertThat(sealed.values()).allMatch(SealedJson::isSealed);
        assertThat(JSON.writeValueAsString(sealed)).doesNotContain("Lakshmi", "84000", "Gandhi", "1234", "aad_");
        assertThat(SealedJson.openAll(key, sealed)).isEqualTo(fields);
        // Sealing twice does not wrap a sealed value again; opening a clear value keeps it.
        assertThat(SealedJson.sealAll(key, sealed)).isEqualTo(sealed);
        assertThat(SealedJson.openAll(key, fields)).isEqualTo(fields);
    }

    @Test
    void aValueMovedToAnotherCitizensRecordDoesNotOpen() {
        JsonNode sealed = SealedJson.seal(key("cit_a"), JSON.getNodeFactory().textNode("Ravi"));
        // Tried: the same key material under another citizen's reference.
        assertThatThrownBy(() -> SealedJson.open(key("cit_b"), sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void bytesAreSealedWithAPrefixAndOpenOnlyWithTheirKey() {
        byte[] pdf = "%PDF-1.7 Lakshmi".getBytes(StandardCharsets.US_ASCII);
        byte[] sealed = key("cit_a").sealBytes(pdf);
        assertThat(CitizenKey.isSealed(sealed)).isTrue();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).startsWith("sealed:v1:k1:").doesNotContain("Lakshmi");
        assertThat(key("cit_a").openBytes(sealed)).isEqualTo(pdf);
        assertThat(key("cit_a").openBytes(pdf)).isEqualTo(pdf);
        assertThatThrownBy(() -> key("cit_b").openBytes(sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new CitizenKey("cit_a", "k2", new byte[32]).openBytes(sealed)).isInstanceOf(IllegalArgumentException.class);
    }
}
