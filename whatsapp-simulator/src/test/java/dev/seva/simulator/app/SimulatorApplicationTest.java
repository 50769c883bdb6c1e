package dev.seva.simulator.app;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Quarkus application serves the stand-in on its own HTTP server, configured from application.properties. */
@QuarkusTest
class SimulatorApplicationTest {

    static final String TEXT = "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"919800000701\","
            + "\"type\":\"text\",\"text\":{\"body\":\"hello from the application\"}}";

    @Test
    void servesTheGraphApiAndTheMessageLog() {
        Response sent = RestAssured.given().header("Authorization", "Bearer test-access-token").contentType("application/json")
                .body(TEXT).post("/v23.0/106540352242922/messages");
        Response log = RestAssured.get("/simulator/messages?to=919800000701");

        assertThat(sent.statusCode()).as(sent.asString()).isEqualTo(200);
        String wamid = sent.jsonPath().getString("messages[0].id");
        assertThat(log.jsonPath().getString("messages[0].wamid")).isEqualTo(wamid);
        assertThat(log.jsonPath().getString("messages[0].body.text.body")).isEqualTo("hello from the application");
    }

    @Test
    void refusesABusinessNumberNotConfigured() {
        Response answer = RestAssured.given().header("Authorization", "Bearer test-access-token").contentType("application/json")
                .body(TEXT).post("/v23.0/999999/messages");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.jsonPath().getInt("error.error_subcode")).isEqualTo(33);
    }

    @Test
    void isReadyOnceTheStandInIsMounted() {
        Response ready = RestAssured.get("/q/health/ready");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.asString()).contains("Graph API stand-in").doesNotContain("DOWN");
    }
}
