package dev.seva.gateway;

import dev.seva.contracts.whatsapp.WebhookSigning;
import io.restassured.RestAssured;
import io.restassured.response.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Posting webhooks as Meta does: a JSON body signed with the app secret. */
final class Webhooks {

    static final String SECRET = "test-app-secret-current";
    static final String PREVIOUS_SECRET = "test-app-secret-previous";

    private Webhooks() {
    }

    static byte[] fixture(String name) {
        try (InputStream in = Webhooks.class.getResourceAsStream("/whatsapp/webhooks/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Response postSigned(byte[] body) {
        return post(body, WebhookSigning.sign(SECRET, body));
    }

    static Response post(byte[] body, String signatureHeader) {
        var request = RestAssured.given().contentType("application/json").body(body);
        if (signatureHeader != null) {
            request = request.header("X-Hub-Signature-256", signatureHeader);
        }
        return request.when().post("/webhook");
    }
}
