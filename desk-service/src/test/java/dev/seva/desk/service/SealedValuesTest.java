package dev.seva.desk.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.seva.consumer.UnprocessableRecord;
import dev.seva.contracts.EventJson;
import dev.seva.desk.domain.CitizenSeal;
import dev.seva.privacy.vault.CitizenKey;
import dev.seva.privacy.vault.SealedJson;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealedValuesTest {

    private static final byte[] BYTES = new byte[32];
    private final CitizenKey key = new CitizenKey("cit_A", "ck-1", BYTES);
    private final CitizenSeal seal = CitizenSeal.of(key);

    @Test
    void opensSealedAnswersAndPassesOlderClearOnesThrough() {
        // Tried: a name, an Aadhaar reference and a location sealed one by one, beside a clear value sent before sealing began.
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        fields.put("studentName", SealedJson.seal(key, json("\"Ravi\"")));
        fields.put("aadhaar", SealedJson.seal(key, json("{\"token\":\"aad_Zm9vYmFyYmF6cXV4MTIzNDU2\",\"masked\":\"XXXX XXXX 4321\"}")));
        fields.put("home", SealedJson.seal(key, json("{\"latitude\":16.5,\"longitude\":80.6,\"address\":\"Benz Circle\"}")));
        fields.put("district", json("\"Krishna\""));
        Map<String, JsonNode> open = SealedValues.openFields(seal, "SEVA-APS-2026-123456", fields);
        assertThat(open.get("studentName").asText()).isEqualTo("Ravi");
        assertThat(open.get("aadhaar").path("masked").asText()).isEqualTo("XXXX XXXX 4321");
        assertThat(open.get("home").path("address").asText()).isEqualTo("Benz Circle");
        assertThat(open.get("district").asText()).isEqualTo("Krishna");
        assertThat(SealedValues.openAnswer(seal, "SEVA-APS-2026-123456", SealedJson.seal(key, json("42"))).asInt()).isEqualTo(42);
        assertThat(SealedValues.openFields(seal, "SEVA-APS-2026-123456", null)).isNull();
    }

    @Test
    void aValueSealedForAnotherCitizenIsRefusedAsTheRecordsFaultWithoutItsContent() {
        // Tried: another citizen's key id; the same key id and bytes but another citizen (the associated data); damaged text.
        JsonNode otherKey = SealedJson.seal(new CitizenKey("cit_B", "ck-2", new byte[32]), json("\"Sita Secretname\""));
        JsonNode otherCitizen = SealedJson.seal(new CitizenKey("cit_B", "ck-1", BYTES), json("\"Sita Secretname\""));
        JsonNode damaged = json("\"sealed:v1:ck-1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"");
        for (JsonNode value : new JsonNode[]{otherKey, otherCitizen, damaged}) {
            assertThatThrownBy(() -> SealedValues.openFields(seal, "SEVA-APS-2026-123456", Map.of("studentName", value)))
                    .isInstanceOf(UnprocessableRecord.class).hasMessageContaining("does not open with its citizen's key")
                    .hasMessageContaining("studentName").hasMessageNotContaining("Secretname");
            assertThatThrownBy(() -> SealedValues.openAnswer(seal, "SEVA-APS-2026-123456", value)).isInstanceOf(UnprocessableRecord.class);
        }
    }

    @Test
    void anOpenedValueOfAShapeNoAnswerHasIsRefusedAndAnAadhaarNumberNeverAccepted() {
        // Tried: a clear Aadhaar number inside the seal of an Aadhaar field; an object that is neither a location nor a reference;
        // a location out of range; the JSON null.
        Map<String, String> bad = Map.of("aadhaar", "\"123412341234\"", "studentName", "{\"first\":\"Ravi\"}",
                "home", "{\"latitude\":123,\"longitude\":80}", "purpose", "null");
        bad.forEach((id, clear) -> assertThatThrownBy(() -> SealedValues.openFields(seal, "SEVA-APS-2026-123456",
                Map.of(id, SealedJson.seal(key, json(clear))))).as(id).isInstanceOf(UnprocessableRecord.class)
                .hasMessageContaining(id).hasMessageNotContaining("123412341234"));
    }

    @Test
    void certificateDataIsSealedValueByValueAndOpensToTheText() {
        // Tried: the data of an approval sealed, then each value opened with the citizen's key.
        Map<String, Object> sealed = SealedValues.sealAll(seal, Map.of("applicantName", "Ravi Kumar", "district", "Krishna"));
        assertThat(sealed.values()).allSatisfy(v -> assertThat((String) v).startsWith("sealed:v1:ck-1:").doesNotContain("Ravi"));
        assertThat(SealedJson.open(key, json(EventJson.mapper().valueToTree(sealed.get("applicantName")).toString())).asText())
                .isEqualTo("Ravi Kumar");
        assertThatThrownBy(() -> SealedValues.sealAll(CitizenSeal.ERASED, Map.of("applicantName", "Ravi"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aHandoverTextOpensToItsStringAndAClearOneSentBeforeSealingPassesThrough() {
        // Tried: a citizen's handover text sealed as conversation-service seals it (the JSON string), and a clear one.
        String sealed = SealedJson.seal(key, TextNode.valueOf("నా పేరు \"Ravi\"")).textValue();
        assertThat(SealedValues.openText(seal, "handover thread t1", "the text", sealed, 4096)).isEqualTo("నా పేరు \"Ravi\"");
        assertThat(SealedValues.openText(seal, "handover thread t1", "the text", "older clear text", 4096)).isEqualTo("older clear text");
        assertThat(SealedValues.openText(seal, "handover thread t1", "the file name", null, 240)).isNull();
    }

    @Test
    void aHandoverTextSealedForAnotherCitizenNotATextOrTooLongIsRefusedWithoutItsContent() {
        // Tried: another citizen's seal (same key bytes, other associated data), a seal of a number, a file name over 240 characters.
        String otherCitizen = SealedJson.seal(new CitizenKey("cit_B", "ck-1", BYTES), json("\"Sita Secretname\"")).textValue();
        assertThatThrownBy(() -> SealedValues.openText(seal, "handover thread t1", "the text", otherCitizen, 4096))
                .isInstanceOf(UnprocessableRecord.class).hasMessageContaining("handover thread t1: the text does not open with its citizen's key")
                .hasMessageNotContaining("Secretname");
        assertThatThrownBy(() -> SealedValues.openText(seal, "handover thread t1", "the text", SealedJson.seal(key, json("42")).textValue(), 4096))
                .isInstanceOf(UnprocessableRecord.class).hasMessageContaining("does not open to a text");
        String longName = SealedJson.seal(key, TextNode.valueOf("Secretname".repeat(25))).textValue();
        assertThatThrownBy(() -> SealedValues.openText(seal, "handover thread t1", "the file name", longName, 240))
                .isInstanceOf(UnprocessableRecord.class).hasMessageContaining("the file name is longer than 240").hasMessageNotContaining("Secretname");
    }

    @Test
    void anOfficersReplyIsSealedForTheTopicAndOpensToItsText() {
        // Tried: a reply sealed for desk.handovers.v1, opened as conversation-service opens it; and for an erased citizen.
        String sealed = SealedValues.sealText(seal, "Bring the card on Monday");
        assertThat(sealed).startsWith("sealed:v1:ck-1:").doesNotContain("Monday");
        assertThat(SealedJson.open(key, TextNode.valueOf(sealed)).asText()).isEqualTo("Bring the card on Monday");
        assertThatThrownBy(() -> SealedValues.sealText(CitizenSeal.ERASED, "Bring the card")).isInstanceOf(IllegalStateException.class);
    }

    private static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
