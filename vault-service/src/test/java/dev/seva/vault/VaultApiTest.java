package dev.seva.vault;

import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import dev.seva.vault.domain.DataKeys;
import dev.seva.vault.domain.KeyWrapping;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Base64;

import static dev.seva.vault.VaultTestSupport.AUDITOR;
import static dev.seva.vault.VaultTestSupport.CONVERSATION;
import static dev.seva.vault.VaultTestSupport.DESK;
import static dev.seva.vault.VaultTestSupport.GATEWAY;
import static dev.seva.vault.VaultTestSupport.aadhaar;
import static dev.seva.vault.VaultTestSupport.as;
import static dev.seva.vault.VaultTestSupport.citizen;
import static dev.seva.vault.VaultTestSupport.database;
import static dev.seva.vault.VaultTestSupport.tokenize;
import static dev.seva.vault.VaultTestSupport.withWrongCheckDigit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * The vault's HTTP API over the real database and the real SoftHSM2 token: what each client may do,
 * what is stored (nothing in clear), what is audited, and what an erasure leaves.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "vault"))
class VaultApiTest {

    Devstack devstack;

    @Inject
    KeyWrapping wrapping;

    @Test
    void aNumberTokenizedByTheGatewayIsBoundByConversationAndRevealedWithItsPurpose() {
        // Tried: the gateway tokenizes a number before the citizen is known, conversation binds the token,
        // the auditor reveals it: the same digits come back, and the masked form shows the last four.
        String number = aadhaar();
        var answer = as(GATEWAY).body("{\"number\":\"" + number + "\"}").post("/v1/aadhaar")
                .then().statusCode(201)
                .body("token", matchesPattern("^aad_[A-Za-z0-9]{32}$"))
                .body("masked", equalTo("XXXX XXXX " + number.substring(8)))
                .extract();
        String token = answer.path("token");
        String citizen = citizen();

        as(CONVERSATION).body("{\"citizenRef\":\"" + citizen + "\"}").post("/v1/aadhaar/" + token + "/binding").then().statusCode(204);
        // Binding again to the same citizen changes nothing (conversation retries after a crash)
        as(CONVERSATION).body("{\"citizenRef\":\"" + citizen + "\"}").post("/v1/aadhaar/" + token + "/binding").then().statusCode(204);
        // ...but a token never moves to another citizen
        as(CONVERSATION).body("{\"citizenRef\":\"" + citizen() + "\"}").post("/v1/aadhaar/" + token + "/binding")
                .then().statusCode(409).contentType("application/problem+json").body("type", containsString("bound-to-another-citizen"));

        as(AUDITOR).body("{\"purpose\":\"UIDAI audit 2026-12\",\"actor\":\"auditor.rao\"}").post("/v1/aadhaar/" + token + "/reveal")
                .then().statusCode(200).body("number", equalTo(number));
    }

    @Test
    void aCitizensNumberTypedTwiceIsOneRecordAndAnUnknownTokenIsNotFound() {
        // Tried: conversation tokenizes the same number for the same citizen twice (and once for another).
        String number = aadhaar();
        String citizen = citizen();
        String first = tokenize(CONVERSATION, number, citizen);
        assertThat(tokenize(CONVERSATION, number, citizen)).isEqualTo(first);
        assertThat(tokenize(CONVERSATION, number, citizen())).isNotEqualTo(first);
        // Grouped 4-4-4 as citizens type it: the same number
        assertThat(tokenize(CONVERSATION, number.substring(0, 4) + " " + number.substring(4, 8) + " " + number.substring(8), citizen)).isEqualTo(first);

        as(CONVERSATION).body("{\"citizenRef\":\"" + citizen + "\"}").post("/v1/aadhaar/aad_" + "x".repeat(32) + "/binding")
                .then().statusCode(404).body("type", containsString("unknown-token"));
        as(AUDITOR).body("{\"purpose\":\"p\",\"actor\":\"a\"}").post("/v1/aadhaar/not-a-token/reveal").then().statusCode(404);
    }

    @Test
    void theDatabaseHoldsNeitherTheNumberNorAnyKeyInClear() throws Exception {
        // Tried: a number and a citizen key are stored; the row's bytes are read back from PostgreSQL.
        String number = aadhaar();
        String citizen = citizen();
        String token = tokenize(CONVERSATION, number, citizen);
        byte[] citizenKey = Base64.getDecoder().decode(as(CONVERSATION).post("/v1/citizens/" + citizen + "/key")
                .then().statusCode(200).extract().<String>path("key"));
        assertThat(citizenKey).hasSize(32);

        try (Connection db = database(devstack)) {
            byte[] sealed;
            byte[] wrappedDek;
            String kek;
            try (PreparedStatement q = db.prepareStatement("SELECT * FROM vault_aadhaar WHERE token = ?")) {
                q.setString(1, token);
                ResultSet row = q.executeQuery();
                assertThat(row.next()).isTrue();
                sealed = row.getBytes("number_sealed");
                wrappedDek = row.getBytes("dek_wrapped");
                kek = row.getString("kek_alias");
                assertThat(row.getString("masked")).isEqualTo("XXXX XXXX " + number.substring(8));
                // Every column as text, bytea as hex: the digits are nowhere, nor their hex
                for (int c = 1; c <= row.getMetaData().getColumnCount(); c++) {
                    String value = String.valueOf(row.getString(c));
                    assertThat(value).doesNotContain(number).doesNotContain(hex(number.getBytes(StandardCharsets.US_ASCII)));
                }
            }
            // nonce (12) + 12 digits + tag (16); nonce + 32-byte key + tag
            assertThat(sealed).hasSize(40);
            assertThat(wrappedDek).hasSize(60);
            // The clear data key is not in the column: no 32-byte window of it opens the number
            for (int i = 0; i + 32 <= wrappedDek.length; i++) {
                byte[] window = Arrays.copyOfRange(wrappedDek, i, i + 32);
                assertThatThrownBy(() -> DataKeys.open(window, sealed, token)).isInstanceOf(IllegalStateException.class);
            }
            // ...but the KEK in the HSM unwraps it, and the data key opens the number: envelope encryption
            byte[] dek = wrapping.unwrap(kek, wrappedDek, token);
            assertThat(new String(DataKeys.open(dek, sealed, token), StandardCharsets.US_ASCII)).isEqualTo(number);
            // With another token as associated data the same ciphertext does not open (rows cannot be swapped)
            assertThatThrownBy(() -> DataKeys.open(dek, sealed, "aad_" + "y".repeat(32))).isInstanceOf(IllegalStateException.class);

            try (PreparedStatement q = db.prepareStatement("SELECT key_wrapped, key_id FROM vault_citizen_key WHERE citizen_ref = ?")) {
                q.setString(1, citizen);
                ResultSet row = q.executeQuery();
                assertThat(row.next()).isTrue();
                byte[] wrappedKey = row.getBytes("key_wrapped");
                assertThat(hex(wrappedKey)).doesNotContain(hex(citizenKey));
                assertThat(row.getString("key_id")).startsWith("key_").doesNotContain(citizen);
            }
        }
    }

    @Test
    void aRevealIsAuditedAndTheAuditCannotBeChanged() throws Exception {
        // Tried: a reveal, then UPDATE, DELETE and TRUNCATE of the audit as the database owner.
        String token = tokenize(AUDITOR, aadhaar(), null);
        as(AUDITOR).body("{\"purpose\":\"court order 17/2026\",\"actor\":\"officer.reddy\"}").post("/v1/aadhaar/" + token + "/reveal")
                .then().statusCode(200);

        try (Connection db = database(devstack)) {
            try (PreparedStatement q = db.prepareStatement("SELECT client, action, actor, purpose FROM vault_audit WHERE subject = ?")) {
                q.setString(1, token);
                ResultSet row = q.executeQuery();
                assertThat(row.next()).isTrue();
                assertThat(row.getString("client")).isEqualTo("auditor-test");
                assertThat(row.getString("action")).isEqualTo("reveal");
                assertThat(row.getString("actor")).isEqualTo("officer.reddy");
                assertThat(row.getString("purpose")).isEqualTo("court order 17/2026");
                assertThat(row.next()).isFalse();
            }
            try (Statement s = db.createStatement()) {
                assertThatThrownBy(() -> s.executeUpdate("UPDATE vault_audit SET purpose = 'nothing' WHERE subject = '" + token + "'"))
                        .hasMessageContaining("append-only");
                assertThatThrownBy(() -> s.executeUpdate("DELETE FROM vault_audit WHERE subject = '" + token + "'"))
                        .hasMessageContaining("append-only");
                assertThatThrownBy(() -> s.executeUpdate("TRUNCATE vault_audit")).hasMessageContaining("append-only");
            }
        }
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("seva_vault_decryptions_total{action=\"reveal\",client=\"auditor-test\""));
    }

    @Test
    void callersWithoutASecretOrARightOrAValidRequestAreRefusedWithProblems() {
        // Tried: no header, a wrong secret, each client asking beyond its rights, malformed numbers and references.
        given().contentType("application/json").body("{\"number\":\"" + aadhaar() + "\"}").post("/v1/aadhaar")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer")).body("type", containsString("unauthenticated"));
        as("seva-dev-vault-gateway-but-wrong").body("{\"number\":\"" + aadhaar() + "\"}").post("/v1/aadhaar").then().statusCode(401);
        given().header("Authorization", "Basic " + GATEWAY).contentType("application/json").body("{}").post("/v1/aadhaar").then().statusCode(401);

        String token = tokenize(GATEWAY, aadhaar(), null);
        as(GATEWAY).body("{\"purpose\":\"p\",\"actor\":\"a\"}").post("/v1/aadhaar/" + token + "/reveal")
                .then().statusCode(403).contentType("application/problem+json").body("type", containsString("not-permitted"));
        // The gateway may not tokenize for a named citizen: the same token coming back would tell it the citizen's number
        as(GATEWAY).body("{\"number\":\"" + aadhaar() + "\",\"citizenRef\":\"" + citizen() + "\"}").post("/v1/aadhaar").then().statusCode(403);
        as(GATEWAY).post("/v1/citizens/" + citizen() + "/key").then().statusCode(403);
        as(DESK).delete("/v1/citizens/" + citizen()).then().statusCode(403);
        as(CONVERSATION).body("{\"purpose\":\"p\",\"actor\":\"a\"}").post("/v1/aadhaar/" + token + "/reveal").then().statusCode(403);

        as(GATEWAY).body("{\"number\":\"" + withWrongCheckDigit(aadhaar()) + "\"}").post("/v1/aadhaar")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("number")).body("errors[0].message", containsString("Verhoeff"));
        as(GATEWAY).body("{\"number\":\"12345678901\"}").post("/v1/aadhaar").then().statusCode(400).body("errors[0].field", equalTo("number"));
        as(GATEWAY).body("{}").post("/v1/aadhaar").then().statusCode(400);
        as(GATEWAY).body("not json").post("/v1/aadhaar").then().statusCode(400).contentType("application/problem+json");
        as(AUDITOR).body("{\"actor\":\"a\"}").post("/v1/aadhaar/" + token + "/reveal").then().statusCode(400).body("errors[0].field", equalTo("purpose"));
        as(AUDITOR).body("{\"purpose\":\"p\"}").post("/v1/aadhaar/" + token + "/reveal").then().statusCode(400).body("errors[0].field", equalTo("actor"));
        as(CONVERSATION).post("/v1/citizens/9876543210/key").then().statusCode(400).body("errors[0].field", equalTo("citizenRef"));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("seva_vault_refusals_total{client=\"gateway\""))
                .body(containsString("seva_vault_refusals_total{client=\"unknown\""));
    }

    @Test
    void anErasedCitizenHasNoKeyNoNumbersAndNeverGetsThemAgain() throws Exception {
        // Tried: a citizen with a key and two numbers (one tokenized bound, one bound later) is erased twice
        // through DELETE; then every request for them.
        String citizen = citizen();
        String bound = tokenize(CONVERSATION, aadhaar(), citizen);
        String later = tokenize(GATEWAY, aadhaar(), null);
        as(CONVERSATION).body("{\"citizenRef\":\"" + citizen + "\"}").post("/v1/aadhaar/" + later + "/binding").then().statusCode(204);
        as(CONVERSATION).post("/v1/citizens/" + citizen + "/key").then().statusCode(200);
        String spare = tokenize(GATEWAY, aadhaar(), null);

        as(CONVERSATION).delete("/v1/citizens/" + citizen).then().statusCode(204);
        as(CONVERSATION).delete("/v1/citizens/" + citizen).then().statusCode(204);

        as(CONVERSATION).post("/v1/citizens/" + citizen + "/key").then().statusCode(410).contentType("application/problem+json")
                .body("type", containsString("citizen-erased"));
        as(AUDITOR).body("{\"purpose\":\"p\",\"actor\":\"a\"}").post("/v1/aadhaar/" + bound + "/reveal").then().statusCode(410);
        as(AUDITOR).body("{\"purpose\":\"p\",\"actor\":\"a\"}").post("/v1/aadhaar/" + later + "/reveal").then().statusCode(410);
        as(CONVERSATION).body("{\"number\":\"" + aadhaar() + "\",\"citizenRef\":\"" + citizen + "\"}").post("/v1/aadhaar").then().statusCode(410);
        as(CONVERSATION).body("{\"citizenRef\":\"" + citizen + "\"}").post("/v1/aadhaar/" + spare + "/binding").then().statusCode(410);

        try (Connection db = database(devstack); Statement s = db.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM vault_citizen_key WHERE citizen_ref = '" + citizen + "'")).isZero();
            assertThat(count(s, "SELECT count(*) FROM vault_aadhaar WHERE citizen_ref = '" + citizen + "' OR token IN ('" + bound + "', '" + later + "')")).isZero();
            assertThat(count(s, "SELECT count(*) FROM vault_tombstone WHERE digest = '" + DataKeys.sha256Hex(citizen) + "' AND kind = 'citizen'")).isEqualTo(1);
            // The tombstones hold no citizen reference, only its hash
            assertThat(count(s, "SELECT count(*) FROM vault_tombstone WHERE digest LIKE '%" + citizen + "%'")).isZero();
            assertThat(count(s, "SELECT count(*) FROM vault_audit WHERE subject = '" + citizen + "' AND action = 'erase' AND client = 'conversation'")).isEqualTo(2);
            // The spare token, which the erased citizen never had, is untouched and still unbound
            assertThat(count(s, "SELECT count(*) FROM vault_aadhaar WHERE token = '" + spare + "' AND citizen_ref IS NULL")).isEqualTo(1);
        }
    }

    @Test
    void operationsShowTheApiTheTokenAndTheMetrics() {
        // Tried: OpenAPI, readiness (the HSM check among PostgreSQL and Kafka), Prometheus.
        given().get("/q/openapi").then().statusCode(200).body(containsString("/v1/aadhaar/{token}/reveal"))
                .body(containsString("/v1/citizens/{citizenRef}/key"));
        given().get("/q/health/ready").then().statusCode(200).body(containsString("vault-hsm"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("seva_vault_kek_pending_rows"));
    }

    static long count(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }
}
