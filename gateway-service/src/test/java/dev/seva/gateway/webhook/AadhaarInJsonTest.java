package dev.seva.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seva.privacy.aadhaar.AadhaarInText;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole-tree scan: every free-text value, and only identifiers left alone. No Quarkus. */
class AadhaarInJsonTest {

    // 2345 6789 0124 is Verhoeff-valid; ...0125 is a near miss (wrong check digit).
    static final String VALID = "234567890124";
    static final Map<String, AadhaarInText.Token> TOKENS = Map.of(VALID, new AadhaarInText.Token("aad_t1", "XXXX XXXX 0124"));
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyTextValueAtAnyDepthIsReplacedAndIdentifiersAreLeftAlone() throws Exception {
        // Tried: text in nested objects and arrays, a contact card with a phone field, and the sender's wa_id
        // (919876543210: Aadhaar-shaped like every Indian WhatsApp id) which must stay as it is.
        JsonNode tree = JSON.readTree("""
                {"from":{"waId":"919876543210"},"messageId":"wamid.X","text":{"body":"mine is 2345 6789 0124"},
                 "contacts":[{"name":{"formatted_name":"Ravi 2345-6789-0124"},"phones":[{"phone":"919848022338","wa_id":"919848022338"}]}],
                 "media":{"id":"234567890124","caption":"card 234567890124 and 2345 6789 0125"}}""");

        assertThat(AadhaarInJson.containsCandidate(tree)).isTrue();
        assertThat(AadhaarInJson.validNumbers(tree)).containsExactly(VALID);
        JsonNode out = AadhaarInJson.replace(tree, TOKENS);

        assertThat(out.at("/text/body").asText()).isEqualTo("mine is [Aadhaar XXXX XXXX 0124, aad_t1]");
        assertThat(out.at("/contacts/0/name/formatted_name").asText()).isEqualTo("Ravi [Aadhaar XXXX XXXX 0124, aad_t1]");
        assertThat(out.at("/media/caption").asText()).isEqualTo("card [Aadhaar XXXX XXXX 0124, aad_t1] and [Aadhaar XXXX XXXX 0125]");
        assertThat(out.at("/from/waId").asText()).isEqualTo("919876543210");
        assertThat(out.at("/contacts/0/phones/0/phone").asText()).isEqualTo("919848022338");
        assertThat(out.at("/media/id").asText()).as("an id is an identifier, never citizen text").isEqualTo("234567890124");
    }

    @Test
    void identifiersAloneGiveNoCandidate() throws Exception {
        // The cheap path: a message whose only 12-digit runs are phone numbers in identifier fields calls no vault.
        JsonNode tree = JSON.readTree("""
                {"from":{"waId":"919876543210"},"text":{"body":"call me on 98765 43210"},"context":{"from":"919876543210"}}""");
        assertThat(AadhaarInJson.containsCandidate(tree)).isFalse();
        assertThat(AadhaarInJson.validNumbers(tree)).isEmpty();
    }

    @Test
    void phoneNumbersTheMessageNamesAsIdsAreLeftInMetasOwnText() throws Exception {
        // Meta's notice quotes the old and new WhatsApp ids (Aadhaar-shaped, 919876543210 even Verhoeff-valid
        // or not: it must not matter); an Aadhaar number in the same text is still replaced.
        JsonNode tree = JSON.readTree("""
                {"from":{"waId":"919876543210"},"system":{"type":"user_changed_number","newWaId":"919876500000",
                 "body":"User 2345 6789 0124 changed from 919876543210 to 919876500000"}}""");
        assertThat(AadhaarInJson.validNumbers(tree)).containsExactly(VALID);
        JsonNode out = AadhaarInJson.replace(tree, TOKENS);
        assertThat(out.at("/system/body").asText())
                .isEqualTo("User [Aadhaar XXXX XXXX 0124, aad_t1] changed from 919876543210 to 919876500000");
        // Tried: the same text with no ids in the tree: both phone numbers are Aadhaar-shaped and masked.
        JsonNode alone = JSON.readTree("{\"body\":\"changed from 919876543210 to 919876500000\"}");
        assertThat(AadhaarInJson.mask(alone).path("body").asText()).doesNotContain("919876543210").doesNotContain("919876500000");
    }

    @Test
    void aFlowsAnswersStayJsonWithTheNumberReplacedEvenWhenItWasAJsonNumber() throws Exception {
        JsonNode tree = JSON.readTree("""
                {"interactive":{"flowResponseJson":"{\\"aadhaar\\":234567890124,\\"note\\":\\"2345 6789 0124\\",\\"flow_token\\":\\"t\\"}"}}""");
        JsonNode out = AadhaarInJson.replace(tree, TOKENS);

        JsonNode answers = JSON.readTree(out.at("/interactive/flowResponseJson").asText());
        assertThat(answers.get("aadhaar").asText()).isEqualTo("[Aadhaar XXXX XXXX 0124, aad_t1]");
        assertThat(answers.get("note").asText()).isEqualTo("[Aadhaar XXXX XXXX 0124, aad_t1]");
        assertThat(answers.get("flow_token").asText()).isEqualTo("t");
    }

    @Test
    void maskLeavesNoDigitsOfAValidNumberAnywhere() throws Exception {
        // A dead letter: the raw item with a number as text, as a JSON number, and a root that is itself text.
        JsonNode tree = JSON.readTree("""
                {"item":{"text":{"body":"2345 6789 0124"},"weird":[234567890124, 1.5, true, null]},"from":"919876543210"}""");
        String out = AadhaarInJson.mask(tree).toString();
        assertThat(out).doesNotContain(VALID).doesNotContain("2345 6789 0124").contains("[Aadhaar XXXX XXXX 0124]")
                .contains("919876543210").contains("1.5");
        assertThat(AadhaarInJson.mask(JSON.readTree("\"2345 6789 0124\"")).asText()).isEqualTo("[Aadhaar XXXX XXXX 0124]");
    }
}
