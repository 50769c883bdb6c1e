package dev.seva.document.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seva.privacy.vault.CitizenKey;
import dev.seva.privacy.vault.SealedJson;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An approval's certificate data opened with the citizen's key and reduced to what a certificate prints (no
 * Quarkus): each shape an answer may have, clear values passing through, and the values that make the record
 * a bad one (sealed for another citizen, damaged, or opening to something unprintable) named by key, never by value.
 */
class SealedDataTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CITIZEN = "cit_SealedDataTest000001";

    @Test
    void opensEachShapeToWhatTheCertificatePrints() throws Exception {
        // Tried: each shape the contracts allow, sealed as conversation- and desk-service seal them, beside clear office values.
        CitizenKey key = key(CITIZEN);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("applicantName", seal(key, "\"Lakshmi Venkata\""));
        data.put("annualIncome", seal(key, "84000"));
        data.put("landAcres", seal(key, "2.5"));
        data.put("married", seal(key, "true"));
        data.put("aadhaar", seal(key, "{\"token\":\"aad_0123456789abcdefXYZ\",\"masked\":\"XXXX XXXX 1234\"}"));
        data.put("home", seal(key, "{\"latitude\":16.5062,\"longitude\":80.648,\"address\":\"12-3-45, Gandhi Nagar, Vijayawada\"}"));
        data.put("field", seal(key, "{\"latitude\":16.5062,\"longitude\":80.648}"));
        data.put("district", "Krishna");
        data.put("yearsOfStay", 14);

        Map<String, Object> open = SealedData.open(key, "SEVA-REV-2026-000123", data);

        assertThat(open).containsExactly(
                Map.entry("applicantName", "Lakshmi Venkata"), Map.entry("annualIncome", 84000), Map.entry("landAcres", 2.5),
                Map.entry("married", true), Map.entry("aadhaar", "XXXX XXXX 1234"),
                Map.entry("home", "12-3-45, Gandhi Nagar, Vijayawada"), Map.entry("field", "16.5062, 80.648"),
                Map.entry("district", "Krishna"), Map.entry("yearsOfStay", 14));
    }

    @Test
    void aValueSealedForAnotherCitizenOrDamagedIsTheRecordsFaultNamedByKeyOnly() throws Exception {
        CitizenKey key = key(CITIZEN);
        // Another citizen's key (another key id), and the same key id but another citizen's reference (the GCM associated data).
        String other = seal(key("cit_SomebodyElse00000001"), "\"Somebody Else\"");
        CitizenKey sameIdOtherCitizen = new CitizenKey("cit_SomebodyElse00000001", key.keyId(), BYTES.get(CITIZEN));
        String moved = seal(sameIdOtherCitizen, "\"Somebody Else\"");
        String sealed = seal(key, "\"Lakshmi Venkata\"");
        String damaged = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
        for (String value : new String[] {other, moved, damaged}) {
            assertThatThrownBy(() -> SealedData.open(key, "SEVA-REV-2026-000123", Map.of("applicantName", value)))
                    .isInstanceOf(Unprocessable.class)
                    .hasMessageContaining("document.data applicantName does not open with its citizen's key")
                    .hasMessageNotContaining("Somebody").hasMessageNotContaining("Lakshmi");
        }
    }

    @Test
    void aValueThatOpensToSomethingUnprintableIsRefused() throws Exception {
        CitizenKey key = key(CITIZEN);
        for (String clear : new String[] {"null", "[1,2]", "{\"colour\":\"blue\"}"}) {
            assertThatThrownBy(() -> SealedData.open(key, "SEVA-REV-2026-000123", Map.of("applicantName", seal(key, clear))))
                    .isInstanceOf(Unprocessable.class).hasMessageContaining("document.data applicantName opens to something a certificate cannot print");
        }
    }

    static final Map<String, byte[]> BYTES = new java.util.concurrent.ConcurrentHashMap<>();

    static CitizenKey key(String citizenRef) {
        byte[] bytes = BYTES.computeIfAbsent(citizenRef, r -> {
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            return k;
        });
        return new CitizenKey(citizenRef, "ck-" + Integer.toHexString(citizenRef.hashCode()), bytes);
    }

    static String seal(CitizenKey key, String json) throws Exception {
        JsonNode value = JSON.readTree(json);
        // SealedJson leaves a JSON null unsealed: seal its text directly, as a department's broken sealer might.
        return value.isNull() ? key.seal("null") : SealedJson.seal(key, value).textValue();
    }
}
