package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.EventJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** GET /simulator/messages?to= answers everything sent to a citizen, in order, bodies as sent, with delivery status. */
class MessageLogTest {

    static GraphApiStandIn meta;
    static Http http;

    @BeforeAll
    static void start() {
        meta = GraphApiStandIn.start(0, StandInConfig.defaults().toBuilder().messageLogCapacity(50).build());
        http = new Http(meta.baseUrl());
    }

    @AfterAll
    static void stop() {
        meta.close();
    }

    @Test
    void answersWhatWasSentToTheCitizenInOrderWithStatuses() throws Exception {
        String citizen = "919800000501";
        String text = Fixtures.text("text", Map.of()).replace("919876543210", citizen);
        String list = Fixtures.text("list", Map.of()).replace("919876543210", citizen);
        String first = http.postJson("/v23.0/106540352242922/messages", text).json().at("/messages/0/id").asText();
        String second = http.postJson("/v23.0/106540352242922/messages", list).json().at("/messages/0/id").asText();
        http.postJson("/v23.0/106540352242922/messages", Fixtures.text("text", Map.of()).replace("919876543210", "919800000502"));

        await().atMost(Duration.ofSeconds(10)).until(() ->
                http.get("/simulator/messages?to=" + citizen).json().at("/messages/1/status").asText().equals("read"));
        JsonNode log = http.get("/simulator/messages?to=" + citizen).json();

        assertThat(log.get("to").asText()).isEqualTo(citizen);
        assertThat(log.get("messages")).hasSize(2);
        JsonNode one = log.at("/messages/0");
        assertThat(one.get("wamid").asText()).isEqualTo(first);
        assertThat(log.at("/messages/1/wamid").asText()).isEqualTo(second);
        assertThat(one.get("direction").asText()).isEqualTo("outbound");
        assertThat(one.get("type").asText()).isEqualTo("text");
        assertThat(log.at("/messages/1/type").asText()).isEqualTo("interactive");
        assertThat(one.get("body")).isEqualTo(EventJson.mapper().readTree(text));
        assertThat(one.get("phoneNumberId").asText()).isEqualTo("106540352242922");
        assertThat(Instant.parse(one.get("at").asText())).isBefore(Instant.now());
        assertThat(one.get("statuses")).extracting(s -> s.get("status").asText()).containsExactly("sent", "delivered", "read");
    }

    @Test
    void answersAnEmptyLogForACitizenNeverWrittenTo() {
        JsonNode log = http.get("/simulator/messages?to=919800000599").json();

        assertThat(log.get("messages")).isEmpty();
    }

    @Test
    void asksWhichCitizenWithAProblem() {
        Http.Answer answer = http.get("/simulator/messages");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("status").asInt()).isEqualTo(400);
    }

    @Test
    void forgetsTheOldestMessagesPastItsCapacity() {
        String citizen = "919800000503";
        String text = Fixtures.text("text", Map.of()).replace("919876543210", citizen);
        String first = http.postJson("/v23.0/106540352242922/messages", text).json().at("/messages/0/id").asText();
        for (int i = 0; i < 60; i++) {
            http.postJson("/v23.0/106540352242922/messages", text);
        }

        assertThat(meta.sentTo(citizen)).hasSize(50);
        assertThat(meta.sentTo(citizen)).extracting(LoggedMessage::wamid).doesNotContain(first);
    }
}
