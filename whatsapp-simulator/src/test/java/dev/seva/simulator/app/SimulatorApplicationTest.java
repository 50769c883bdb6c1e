package dev.seva.simulator.app;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import dev.seva.simulator.standin.StandInConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

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

    @Test
    void servesRazorpayUnderRazorpayV1WithTheDefaultDevelopmentKeys() {
        String keys = "Basic " + Base64.getEncoder().encodeToString("rzp_test_seva:seva-dev-razorpay-key-secret".getBytes(StandardCharsets.UTF_8));
        String other = "Basic " + Base64.getEncoder().encodeToString("rzp_test_seva:another-secret".getBytes(StandardCharsets.UTF_8));

        Response created = RestAssured.given().header("Authorization", keys).contentType("application/json")
                .body("{\"amount\":10000,\"currency\":\"INR\"}").post("/razorpay/v1/orders");
        Response refused = RestAssured.given().header("Authorization", other).get("/razorpay/v1/orders/" + created.jsonPath().getString("id"));

        assertThat(created.statusCode()).as(created.asString()).isEqualTo(200);
        assertThat(created.jsonPath().getString("id")).matches("order_[A-Za-z0-9]{14}");
        assertThat(refused.statusCode()).isEqualTo(401);
    }

    @Test
    void readsPaymentConfigurationsAsNameOrNameAndStatus() {
        StandInConfig.Payments payments = SimulatorRoutes.payments(new SimulatorConfig.Payments() {
            public List<String> configurations() {
                return List.of("seva-razorpay", " seva-old : Needs Testing", "seva-new:Needs Connecting");
            }

            public boolean termsAccepted() {
                return true;
            }

            public Duration pendingAfter() {
                return Duration.ofMillis(300);
            }

            public Duration settleAfter() {
                return Duration.ofMillis(1500);
            }

            public Duration lateWebhookAfter() {
                return Duration.ofSeconds(20);
            }

            public int orderCapacity() {
                return 10;
            }
        });

        assertThat(payments.configurations()).containsEntry("seva-razorpay", "Active").containsEntry("seva-old", "Needs Testing")
                .containsEntry("seva-new", "Needs Connecting");
        assertThat(payments.active("seva-razorpay")).isTrue();
        assertThat(payments.active("seva-old")).isFalse();
        assertThat(payments.active("unknown")).isFalse();
    }
}
