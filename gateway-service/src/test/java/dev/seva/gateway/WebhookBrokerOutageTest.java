package dev.seva.gateway;

import dev.seva.contracts.EventIds;
import dev.seva.contracts.Topics;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import dev.seva.devstack.EmbeddedKafkaBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Never 200 for what is not stored: with the broker down the answer is 503, and Meta's retry succeeds later. */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class WebhookBrokerOutageTest {

    Devstack devstack;

    @Test
    void answers503WhileTheBrokerIsDownThenAcceptsTheRedeliveryWithTheSameEventIds() {
        EmbeddedKafkaBroker broker = devstack.embeddedKafka().orElse(null);
        Assumptions.assumeTrue(broker != null, "needs the embedded broker (KAFKA_BOOTSTRAP_SERVERS is external)");
        byte[] body = Webhooks.fixture("multi-entry");
        Set<String> expectedInbound = Set.of("MUL00001", "MUL00002", "MUL00003").stream()
                .map(id -> EventIds.nameBased(Topics.WHATSAPP_INBOUND,
                        id.equals("MUL00003") ? "106540352242923" : "106540352242922",
                        "wamid.HBgMOTE5ODc2NTQzMjEwFQIAEhgg" + id).toString())
                .collect(Collectors.toSet());

        try (TopicRecords records = new TopicRecords(devstack.kafkaBootstrapServers(), WebhookFixturesTest.TOPICS)) {
            records.mark();
            broker.stop();
            try {
                Response during = Webhooks.postSigned(body);
                assertThat(during.statusCode()).as(during.asString()).isEqualTo(503);
                assertThat(during.jsonPath().getString("type")).endsWith("/kafka-unavailable");
            } finally {
                broker.start();
            }

            // Meta retries; once the producer has reconnected the same webhook is accepted.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Webhooks.postSigned(body).statusCode() == 200);

            List<TopicRecords.Seen> seen = records.since();
            Set<String> inboundIds = seen.stream().filter(r -> r.topic().equals(Topics.WHATSAPP_INBOUND))
                    .map(r -> r.value().get("eventId").asText()).collect(Collectors.toSet());
            // Every copy (the retry's, and any the producer delivered late from the refused attempt)
            // carries one of the three deterministic ids, so consumers deduplicate them.
            assertThat(inboundIds).isEqualTo(expectedInbound);
        }
    }
}
