package dev.seva.simulator.standin;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Faults injected by the admin endpoint (and the Java API) shape the Graph API's answers, then go away. */
class FaultInjectionTest extends StandInTest {




    @BeforeEach
    void clear() {
        meta.reset();
    }

    private static int send() {
        return http.postJson(MESSAGES, Fixtures.text("text", Map.of())).status();
    }

    @Test
    void failsTheNextCallsWithTheQueuedCodesThenRecovers() {
        Http.Answer set = http.postJson("/simulator/faults", "{\"failNext\":[{\"count\":3,\"code\":130429},{\"count\":1,\"code\":131000}]}");

        List<Http.Answer> answers = List.of(http.postJson(MESSAGES, Fixtures.text("text", Map.of())), http.postJson(MESSAGES, Fixtures.text("text", Map.of())),
                http.postJson(MESSAGES, Fixtures.text("text", Map.of())), http.postJson(MESSAGES, Fixtures.text("text", Map.of())));

        assertThat(set.json().get("failNext").toString()).isEqualTo("[{\"count\":3,\"code\":130429},{\"count\":1,\"code\":131000}]");
        assertThat(answers).extracting(Http.Answer::status).containsExactly(429, 429, 429, 500);
        assertThat(answers.get(3).json().at("/error/code").asInt()).isEqualTo(131000);
        assertThat(send()).isEqualTo(200);
        assertThat(meta.requests(5)).extracting(ApiCall::status).containsExactly(429, 429, 429, 500, 200);
        assertThat(meta.answered(429)).isEqualTo(3);
        assertThat(meta.answered(200)).isEqualTo(1);
    }

    @Test
    void answers429ForTheWholeBurstThenAcceptsAgain() {
        http.postJson("/simulator/faults", "{\"rateLimitForSeconds\":5}");

        assertThat(send()).isEqualTo(429);
        assertThat(send()).isEqualTo(429);
        await().atMost(Duration.ofSeconds(15)).until(() -> send() == 200);
    }

    @Test
    void answers503WithCode2DuringAServerErrorWindow() {
        http.postJson("/simulator/faults", "{\"serverErrorsForSeconds\":30,\"serverErrorStatus\":503}");

        Http.Answer answer = http.postJson(MESSAGES, Fixtures.text("text", Map.of()));
        Http.Answer cleared = http.delete("/simulator/faults");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.json().at("/error/code").asInt()).isEqualTo(2);
        assertThat(cleared.json().get("serverErrorsForSeconds").asInt()).isZero();
        assertThat(send()).isEqualTo(200);
    }

    @Test
    void answersEveryCallWithTheErrorCodeAtRateOne() {
        meta.faults().apply(FaultSettings.errorRate(1.0, 131000));

        Http.Answer answer = http.postJson(MESSAGES, Fixtures.text("text", Map.of()));

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.json().at("/error/message").asText()).isEqualTo("(#131000) Something went wrong");
    }

    @Test
    void refusesOneRecipientWithItsCodeAndServesTheOthers() {
        http.postJson("/simulator/faults", "{\"recipientErrors\":{\"919876543210\":131026}}");

        Http.Answer refused = http.postJson(MESSAGES, Fixtures.text("text", Map.of()));
        int other = http.postJson(MESSAGES, Fixtures.text("text", Map.of()).replace("919876543210", "919800000401")).status();

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/error/code").asInt()).isEqualTo(131026);
        assertThat(other).isEqualTo(200);
    }

    @Test
    void closesOneCitizensWindowForFreeFormMessagesButNotForTemplates() {
        String mediaId = http.uploadPdf();
        http.postJson("/simulator/faults", "{\"closedWindows\":[\"919876543210\"]}");

        Http.Answer text = http.postJson(MESSAGES, Fixtures.text("text", Map.of()));
        Http.Answer template = http.postJson(MESSAGES, Fixtures.text("template", Map.of("mediaId", mediaId)));

        assertThat(text.status()).isEqualTo(400);
        assertThat(text.json().at("/error/code").asInt()).isEqualTo(131047);
        assertThat(template.status()).isEqualTo(200);
    }

    @Test
    void delaysAnswersByTheInjectedLatency() {
        http.postJson("/simulator/faults", "{\"latencyMs\":300}");

        Http.Answer answer = http.postJson(MESSAGES, Fixtures.text("text", Map.of()));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.millis()).isGreaterThanOrEqualTo(300);
        assertThat(http.get("/simulator/faults").json().get("latencyMs").asInt()).isEqualTo(300);
    }

    @Test
    void refusesAFaultsBodyThatIsNotJsonAsAProblem() {
        Http.Answer answer = http.postJson("/simulator/faults", "latency please");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("type").asText()).isEqualTo("https://seva.dev/problems/not-json");
    }
}
