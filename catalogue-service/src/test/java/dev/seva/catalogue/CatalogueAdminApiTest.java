package dev.seva.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.ContractAssertions;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Topics;
import dev.seva.devstack.Devstack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The department admin API with real signed OIDC tokens, and what it publishes to the compacted topic. */
@QuarkusTest
@QuarkusTestResource(CatalogueTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class CatalogueAdminApiTest {

    Devstack devstack;

    @Test
    void refusesWithoutAToken() {
        given().contentType(ContentType.JSON).body(definition("pol-test-401", "police").toString())
                .when().post("/admin/services").then().statusCode(401);
    }

    @Test
    void refusesAnotherDepartmentsOfficer() {
        given().auth().oauth2(token("officer.revenue", "dept-revenue-officer")).contentType(ContentType.JSON)
                .body(definition("pol-test-403", "police").toString())
                .when().post("/admin/services").then().statusCode(403)
                .body("type", equalTo("https://seva.dev/problems/forbidden"));
        given().auth().oauth2(token("citizen", "user")).contentType(ContentType.JSON)
                .when().delete("/admin/services/rev-income-certificate").then().statusCode(428);
        given().auth().oauth2(token("officer.police", "dept-police-officer")).header("If-Match", "\"1\"")
                .when().delete("/admin/services/rev-income-certificate").then().statusCode(403);
    }

    @Test
    void grantsNothingForARoleOutsideTheRealmRolesOrATokenIssuedForAnotherService() {
        // Tried: catalogue-admin only in the "groups" claim (403); a valid admin token whose audience is another service (401).
        String groupsOnly = Jwt.preferredUserName("sneaky").groups(Set.of("catalogue-admin")).issuer("https://server.example.com")
                .audience("https://service.example.com").sign();
        given().auth().oauth2(groupsOnly).contentType(ContentType.JSON).body(definition("pol-test-groups", "police").toString())
                .when().post("/admin/services").then().statusCode(403);
        String otherAudience = Jwt.preferredUserName("admin").claim("realm_access", java.util.Map.of("roles", java.util.List.of("catalogue-admin")))
                .issuer("https://server.example.com").audience("desk-service").sign();
        given().auth().oauth2(otherAudience).contentType(ContentType.JSON).body(definition("pol-test-aud", "police").toString())
                .when().post("/admin/services").then().statusCode(401);
    }

    @Test
    void refusesAnInvalidDefinitionNamingTheField() {
        ObjectNode bad = definition("pol-test-invalid", "police");
        ((ObjectNode) bad.get("names")).put("hi", "FIR status");
        bad.put("slaDays", -3);
        // A backreference (not RE2, cannot be matched in linear time) in an officer's validation pattern.
        ((ObjectNode) bad.withArray("fields").get(0).get("validation")).put("pattern", "^(a)\\1$");
        given().auth().oauth2(token("officer.police", "dept-police-officer")).contentType(ContentType.JSON).body(bad.toString())
                .when().post("/admin/services").then().statusCode(400)
                .body("type", equalTo("https://seva.dev/problems/invalid-definition"))
                .body("errors.field", hasItem("names.hi"))
                .body("errors.field", hasItem("slaDays"))
                .body("errors.field", hasItem("fields[0].validation.pattern"));
        given().auth().oauth2(token("officer.police", "dept-police-officer")).contentType(ContentType.JSON).body("{\"id\": ")
                .when().post("/admin/services").then().statusCode(400);
    }

    @Test
    void ownerCreatesUpdatesAndRetiresAndTheCompactedTopicFollows() {
        String id = "pol-test-" + UUID.randomUUID().toString().substring(0, 8);
        String officer = token("officer.police", "dept-police-officer");

        given().auth().oauth2(officer).contentType(ContentType.JSON).body(definition(id, "police").toString())
                .when().post("/admin/services").then().log().ifValidationFails().statusCode(201).header("ETag", "\"1\"").body("version", equalTo(1));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().queryParam("q", "lost mobile phone report")
                .when().get("/services/search").then().body("results.id", hasItem(id)));

        ObjectNode changed = definition(id, "police");
        ((ObjectNode) changed.get("names")).put("en", "Report a lost phone");
        given().auth().oauth2(officer).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(changed.toString())
                .when().put("/admin/services/" + id).then().statusCode(200).body("version", equalTo(2));
        // Someone still holding version 1 cannot overwrite version 2.
        given().auth().oauth2(token("admin", "catalogue-admin")).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(definition(id, "police").toString())
                .when().put("/admin/services/" + id).then().statusCode(412);
        given().auth().oauth2(officer).contentType(ContentType.JSON).body(definition(id, "police").toString())
                .when().post("/admin/services").then().statusCode(409);

        given().auth().oauth2(officer).header("If-Match", "\"2\"").when().delete("/admin/services/" + id).then().statusCode(204);
        given().when().get("/services/" + id).then().statusCode(404);

        List<ConsumerRecord<String, String>> records = recordsFor(id, 3);
        assertThat(records).hasSize(3);
        JsonNode first = json(records.get(0).value());
        JsonNode second = json(records.get(1).value());
        ContractAssertions.assertConforms(Topics.CATALOGUE_SERVICES, first);
        ContractAssertions.assertConforms(Topics.CATALOGUE_SERVICES, second);
        assertThat(first.at("/service/version").asInt()).isEqualTo(1);
        assertThat(second.at("/service/version").asInt()).isEqualTo(2);
        assertThat(second.at("/service/names/en").asText()).isEqualTo("Report a lost phone");
        assertThat(second.at("/service/departmentName/te").asText()).isNotBlank();
        assertThat(records.get(2).value()).as("retire writes a tombstone").isNull();
    }

    private List<ConsumerRecord<String, String>> recordsFor(String id, int expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "admin-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CATALOGUE_SERVICES));
            List<ConsumerRecord<String, String>> mine = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (id.equals(r.key())) {
                        mine.add(r);
                    }
                });
                return mine.size() >= expected;
            });
            return mine;
        }
    }

    static ObjectNode definition(String id, String departmentId) {
        return (ObjectNode) json("""
                {
                  "id": "%s",
                  "version": 1,
                  "departmentId": "%s",
                  "departmentName": { "en": "ignored: the department's own names are used" },
                  "names": { "en": "Lost mobile phone report", "te": "పోయిన మొబైల్ ఫోన్ ఫిర్యాదు", "hi": "खोए मोबाइल फ़ोन की रिपोर्ट" },
                  "shortNames": { "en": "Lost mobile phone", "te": "పోయిన మొబైల్", "hi": "खोया मोबाइल" },
                  "descriptions": { "en": "Report a lost mobile phone to the police.", "te": "పోయిన మొబైల్ ఫోన్ గురించి పోలీసులకు తెలియజేయండి.", "hi": "खोए मोबाइल फ़ोन की सूचना पुलिस को दें।" },
                  "keywords": ["lost phone", "mobile missing", "phone poyindi"],
                  "deliveryMode": "application",
                  "fields": [
                    { "id": "imei", "type": "reference", "required": true,
                      "prompts": { "en": "The phone's IMEI number?", "te": "ఫోన్ ఐఎంఈఐ సంఖ్య?", "hi": "फ़ोन का आईएमईआई नंबर?" },
                      "validation": { "pattern": "^[0-9]{15}$" } }
                  ],
                  "feeRupees": 0,
                  "slaDays": 3
                }
                """.formatted(id, departmentId));
    }

    private static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token as the realm issues it (signed by the OIDC test server's key): realm roles in realm_access.roles. */
    static String token(String user, String... roles) {
        return Jwt.preferredUserName(user).claim("realm_access", java.util.Map.of("roles", java.util.List.of(roles)))
                .issuer("https://server.example.com").audience("https://service.example.com").sign();
    }
}
