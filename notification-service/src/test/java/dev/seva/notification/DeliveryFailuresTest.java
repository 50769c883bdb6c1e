package dev.seva.notification;

import dev.seva.contracts.Topics;
import dev.seva.notification.support.Commands;
import dev.seva.notification.support.Deliveries;
import dev.seva.notification.support.GraphCalls;
import dev.seva.notification.support.Kafka;
import dev.seva.notification.support.NotificationTest;
import dev.seva.simulator.standin.ApiCall;
import dev.seva.simulator.standin.FaultSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Throttling and transient errors are retried until Meta accepts; permanent errors end in
 * whatsapp.outbound.v1.dlq with their reason and a failed-delivery record; 131047 falls back to the
 * command's template. Nothing is dropped silently.
 */
@QuarkusTest
class DeliveryFailuresTest extends NotificationTest {

    private Kafka.Seen awaitDeadLetter(UUID commandId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.withEventId(Topics.WHATSAPP_OUTBOUND_DLQ, commandId.toString()).isPresent());
        return kafka.withEventId(Topics.WHATSAPP_OUTBOUND_DLQ, commandId.toString()).orElseThrow();
    }

    @Test
    void retriesABurstOf429sThenDelivers() {
        meta.faults().apply(FaultSettings.failNext(3, 130429));
        Commands.Command command = Commands.example("text");

        Commands.send(kafka, command);

        JsonPath delivery = Deliveries.awaitState(command.id(), "accepted");
        assertThat(GraphCalls.forCommand(meta, command.id())).extracting(ApiCall::status).containsExactly(429, 429, 429, 200);
        assertThat(delivery.getInt("attempts")).isEqualTo(4);
        assertThat(delivery.getInt("lastError.code")).isEqualTo(130429);
        assertThat(metric("seva_notification_retries_total{reason=\"130429\"}")).isGreaterThanOrEqualTo(3);
        assertThat(kafka.withEventId(Topics.WHATSAPP_OUTBOUND_DLQ, command.id().toString())).isEmpty();
    }

    @Test
    void retriesPairRateLimitsAndServerErrorsThenDelivers() {
        meta.faults().apply(FaultSettings.failNext(1, 131056));
        meta.faults().apply(FaultSettings.failNext(1, 131000));
        meta.faults().apply(FaultSettings.failNext(1, 2));
        Commands.Command command = Commands.example("list");

        Commands.send(kafka, command);

        Deliveries.awaitState(command.id(), "accepted");
        assertThat(GraphCalls.forCommand(meta, command.id())).extracting(ApiCall::status).containsExactly(400, 500, 503, 200);
    }

    @Test
    void retriesACallThatTimedOut() {
        meta.faults().apply(FaultSettings.latency(3_000));
        Commands.Command command = Commands.example("text");

        Commands.send(kafka, command);
        await().atMost(Duration.ofSeconds(30)).until(() -> !GraphCalls.forCommand(meta, command.id()).isEmpty());
        meta.faults().reset();

        JsonPath delivery = Deliveries.awaitState(command.id(), "accepted");
        assertThat(delivery.getInt("attempts")).isEqualTo(2);
        assertThat(delivery.getString("lastError.message")).isEqualTo("timeout");
    }

    @ParameterizedTest(name = "Meta error {0}")
    @ValueSource(ints = {131026, 100, 131009, 131030, 190, 131049})
    void deadLettersAPermanentErrorWithItsReasonAndRecordsTheFailure(int code) {
        String citizen = Commands.newCitizen();
        meta.faults().apply(FaultSettings.recipientError(citizen, code));
        Commands.Command command = Commands.example("text", citizen, c -> { });

        Commands.send(kafka, command);

        Kafka.Seen letter = awaitDeadLetter(command.id());
        JsonPath delivery = Deliveries.awaitState(command.id(), "failed");
        assertThat(letter.value()).isEqualTo(command.json());
        assertThat(letter.key()).isEqualTo(citizen);
        assertThat(letter.headers().get("dlq-reason")).startsWith("graph-api-error " + code + " ");
        assertThat(letter.headers().get("dlq-error-code")).isEqualTo(Integer.toString(code));
        assertThat(letter.headers().get("dlq-original-topic")).isEqualTo(Topics.WHATSAPP_OUTBOUND);
        assertThat(letter.headers().get("dlq-attempts")).isEqualTo("1");
        assertThat(letter.headers().get("eventType")).isEqualTo("whatsapp.send.requested");
        assertThat(letter.headers().get("dlq-reason")).doesNotContain(citizen);
        assertThat(delivery.getInt("lastError.code")).isEqualTo(code);
        assertThat(GraphCalls.forCommand(meta, command.id())).hasSize(1);
    }

    @Test
    void deadLettersWhenRetriesAreExhausted() {
        meta.faults().apply(FaultSettings.failNext(5, 130429));
        Commands.Command command = Commands.example("text");

        Commands.send(kafka, command);

        Kafka.Seen letter = awaitDeadLetter(command.id());
        assertThat(letter.headers().get("dlq-reason")).isEqualTo("retries-exhausted after 5 attempts: 130429 Rate limit hit");
        assertThat(letter.headers().get("dlq-attempts")).isEqualTo("5");
        assertThat(Deliveries.awaitState(command.id(), "failed").getInt("attempts")).isEqualTo(5);
        assertThat(GraphCalls.forCommand(meta, command.id())).hasSize(5);
    }

    @Test
    void sendsTheFallbackTemplateWhenMetaAnswers131047() {
        String citizen = Commands.newCitizen();
        meta.faults().apply(FaultSettings.closedWindow(citizen));
        Commands.Command command = Commands.example("text", citizen, c -> c.putObject("fallbackTemplate")
                .put("name", "seva_reply_waiting").put("languageCode", "te"));

        Commands.send(kafka, command);

        JsonPath delivery = Deliveries.awaitState(command.id(), "accepted");
        var calls = GraphCalls.forCommand(meta, command.id());
        assertThat(calls).extracting(ApiCall::status).containsExactly(400, 200);
        assertThat(calls.get(0).errorCode()).isEqualTo(131047);
        assertThat(calls.get(1).body().get("type").asText()).isEqualTo("template");
        assertThat(calls.get(1).body().at("/template/name").asText()).isEqualTo("seva_reply_waiting");
        assertThat(calls.get(1).body().at("/template/language/code").asText()).isEqualTo("te");
        assertThat(delivery.getBoolean("fallbackUsed")).isTrue();
        assertThat(delivery.getString("wamid")).isEqualTo(calls.get(1).wamid());
        assertThat(metric("seva_notification_fallbacks_total{trigger=\"response\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void deadLetters131047WithoutAFallbackTemplate() {
        String citizen = Commands.newCitizen();
        meta.faults().apply(FaultSettings.closedWindow(citizen));
        Commands.Command command = Commands.example("buttons", citizen, c -> { });

        Commands.send(kafka, command);

        assertThat(awaitDeadLetter(command.id()).headers().get("dlq-error-code")).isEqualTo("131047");
        assertThat(Deliveries.awaitState(command.id(), "failed").getBoolean("fallbackUsed")).isFalse();
    }

    @Test
    void deadLettersACommandThatBreaksItsContractWithoutSendingIt() {
        String citizen = Commands.newCitizen();
        UUID id = UUID.randomUUID();
        String tooLong = "{\"eventId\":\"" + id + "\",\"eventType\":\"whatsapp.send.requested\",\"occurredAt\":\"2026-11-28T10:00:00Z\","
                + "\"phoneNumberId\":\"106540352242922\",\"to\":{\"waId\":\"" + citizen + "\"},\"withinServiceWindow\":true,"
                + "\"kind\":\"text\",\"text\":{\"body\":\"" + "x".repeat(4097) + "\"}}";

        kafka.send(Topics.WHATSAPP_OUTBOUND, citizen, tooLong, "whatsapp.send.requested");

        Kafka.Seen letter = awaitDeadLetter(id);
        // The platform's one reader gives the reason (RecordReader), as on every other service's dead letters.
        assertThat(letter.headers().get("dlq-reason")).isEqualTo("breaks its contract: /text/body maxLength");
        assertThat(letter.headers().get("dlq-original-offset")).matches("\\d+@\\d+");
        assertThat(letter.headers().get("dlq-attempts")).isEqualTo("0");
        assertThat(letter.value()).isEqualTo(tooLong);
        assertThat(GraphCalls.forCommand(meta, id)).isEmpty();
        assertThat(Deliveries.get(id).statusCode()).isEqualTo(404);
    }

    @Test
    void deadLettersNotJsonAsUnreadable() {
        String citizen = Commands.newCitizen();

        kafka.send(Topics.WHATSAPP_OUTBOUND, citizen, "not json at all " + citizen, "whatsapp.send.requested");

        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.all(Topics.WHATSAPP_OUTBOUND_DLQ).stream()
                .anyMatch(r -> citizen.equals(r.key()) && "not JSON".equals(r.headers().get("dlq-reason"))));
    }
}
