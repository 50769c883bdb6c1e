package dev.seva.notification.support;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** The operators' view of deliveries, GET /messages/{commandId}, and waiting for a delivery to settle. */
public final class Deliveries {

    private Deliveries() {
    }

    public static Response get(UUID commandId) {
        return RestAssured.get("/messages/" + commandId);
    }

    /** Waits until the command's delivery is in this state, and answers it. */
    public static JsonPath awaitState(UUID commandId, String state) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Response response = get(commandId);
            return response.statusCode() == 200 && state.equals(response.jsonPath().getString("state"));
        });
        return get(commandId).jsonPath();
    }

    /** Waits until Meta's reported status of the command is this one. */
    public static JsonPath awaitStatus(UUID commandId, String status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Response response = get(commandId);
            return response.statusCode() == 200 && status.equals(response.jsonPath().getString("status"));
        });
        return get(commandId).jsonPath();
    }
}
