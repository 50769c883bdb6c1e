package dev.seva.gateway;

import dev.seva.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Meta's subscription handshake on GET /webhook. */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class WebhookVerificationTest {

    @Test
    void answersTheChallengeWhenModeAndTokenMatch() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "test-verify-token")
                .queryParam("hub.challenge", "1158201444")
                .when().get("/webhook")
                .then().statusCode(200).contentType(startsWith("text/plain")).body(equalTo("1158201444"));
    }

    @Test
    void refusesAWrongToken() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "test-verify-tokeN")
                .queryParam("hub.challenge", "1158201444")
                .when().get("/webhook")
                .then().statusCode(403).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(403));
    }

    @Test
    void refusesAnotherMode() {
        given().queryParam("hub.mode", "unsubscribe").queryParam("hub.verify_token", "test-verify-token")
                .queryParam("hub.challenge", "1158201444")
                .when().get("/webhook").then().statusCode(403);
    }

    @Test
    void refusesWhenParametersAreMissing() {
        given().when().get("/webhook").then().statusCode(403);
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "test-verify-token")
                .when().get("/webhook").then().statusCode(403);
    }
}
