package dev.seva.simulator.standin;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Meta's refusals that depend on who calls, to whom and how often: tokens, numbers, allow-list, window, throughput, pair rate. */
class GraphErrorsTest {

    static final String MESSAGES = "/v23.0/106540352242922/messages";

    private static Http.Answer withStandIn(UnaryOperator<StandInConfig.Builder> config, java.util.function.Function<Http, Http.Answer> call) {
        try (GraphApiStandIn meta = GraphApiStandIn.start(0, config.apply(StandInConfig.defaults().toBuilder()).build())) {
            return call.apply(new Http(meta.baseUrl()));
        }
    }

    @Test
    void refusesACallWithoutTokenWith401AndCode190() {
        Http.Answer answer = withStandIn(b -> b, http -> http.postJson(MESSAGES, Fixtures.text("text", Map.of()), null));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().at("/error/code").asInt()).isEqualTo(190);
        assertThat(answer.json().at("/error/type").asText()).isEqualTo("OAuthException");
        assertThat(answer.json().at("/error/message").asText()).startsWith("Invalid OAuth access token");
    }

    @Test
    void refusesAWrongTokenWith401AndCode190() {
        Http.Answer answer = withStandIn(b -> b, http -> http.postJson(MESSAGES, Fixtures.text("text", Map.of()), "not-the-token"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().at("/error/code").asInt()).isEqualTo(190);
    }

    @Test
    void refusesABusinessNumberItDoesNotServeAsAnUnknownObject() {
        Http.Answer answer = withStandIn(b -> b.phoneNumberIds(Set.of("106540352242922")),
                http -> http.postJson("/v23.0/999/messages", Fixtures.text("text", Map.of())));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().at("/error/code").asInt()).isEqualTo(100);
        assertThat(answer.json().at("/error/error_subcode").asInt()).isEqualTo(33);
        assertThat(answer.json().at("/error/message").asText()).contains("Object with ID '999' does not exist");
    }

    @Test
    void refusesARecipientOffTheAllowListWith131030() {
        Http.Answer answer = withStandIn(b -> b.allowedRecipients(Set.of("919800000000")),
                http -> http.postJson(MESSAGES, Fixtures.text("text", Map.of())));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().at("/error/code").asInt()).isEqualTo(131030);
        assertThat(answer.json().at("/error/message").asText()).isEqualTo("(#131030) Recipient phone number not in allowed list");
    }

    @Test
    void refusesFreeFormMessagesOutsideTheServiceWindowWith131047ButNotTemplates() {
        StandInConfig config = StandInConfig.defaults().toBuilder()
                .serviceWindow(new StandInConfig.ServiceWindow(true, StandInConfig.ServiceWindow.ErrorDelivery.RESPONSE)).build();
        try (GraphApiStandIn meta = GraphApiStandIn.start(0, config)) {
            Http http = new Http(meta.baseUrl());
            String mediaId = http.uploadPdf();

            Http.Answer outside = http.postJson(MESSAGES, Fixtures.text("text", Map.of()));
            Http.Answer template = http.postJson(MESSAGES, Fixtures.text("template", Map.of("mediaId", mediaId)));
            meta.citizenSends("919876543210", CitizenMessage.text("hi"));
            Http.Answer inside = http.postJson(MESSAGES, Fixtures.text("text", Map.of()));

            assertThat(outside.status()).isEqualTo(400);
            assertThat(outside.json().at("/error/code").asInt()).isEqualTo(131047);
            assertThat(outside.json().at("/error/error_data/details").asText()).contains("more than 24 hours");
            assertThat(template.status()).isEqualTo(200);
            assertThat(inside.status()).isEqualTo(200);
        }
    }

    @Test
    void answers429With130429OverTheNumbersThroughput() {
        StandInConfig config = StandInConfig.defaults().toBuilder().throughputPerSecond(3).build();
        try (GraphApiStandIn meta = GraphApiStandIn.start(0, config)) {
            Http http = new Http(meta.baseUrl());
            int accepted = 0;
            Http.Answer refused = null;
            for (int i = 0; i < 20 && refused == null; i++) {
                Http.Answer answer = http.postJson(MESSAGES, Fixtures.text("text", Map.of()).replace("919876543210", "9198000002" + (10 + i)));
                if (answer.status() == 200) {
                    accepted++;
                } else {
                    refused = answer;
                }
            }

            assertThat(accepted).isBetween(3, 5);
            assertThat(refused).isNotNull();
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().at("/error/code").asInt()).isEqualTo(130429);
            assertThat(refused.json().at("/error/error_subcode").asInt()).isEqualTo(2494055);
            assertThat(refused.json().at("/error/message").asText()).isEqualTo("(#130429) Rate limit hit");
        }
    }

    @Test
    void refusesTooManyMessagesToOneCitizenWith131056AfterTheBurst() {
        StandInConfig config = StandInConfig.defaults().toBuilder().pairRate(new StandInConfig.PairRate(2, Duration.ofSeconds(6))).build();
        try (GraphApiStandIn meta = GraphApiStandIn.start(0, config)) {
            Http http = new Http(meta.baseUrl());
            String text = Fixtures.text("text", Map.of());

            int first = http.postJson(MESSAGES, text).status();
            int second = http.postJson(MESSAGES, text).status();
            Http.Answer third = http.postJson(MESSAGES, text);
            int otherCitizen = http.postJson(MESSAGES, text.replace("919876543210", "919800000301")).status();

            assertThat(first).isEqualTo(200);
            assertThat(second).isEqualTo(200);
            assertThat(third.status()).isEqualTo(400);
            assertThat(third.json().at("/error/code").asInt()).isEqualTo(131056);
            assertThat(otherCitizen).isEqualTo(200);
        }
    }
}
