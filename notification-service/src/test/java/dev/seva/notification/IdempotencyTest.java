package dev.seva.notification;

import dev.seva.contracts.CitizenAddress;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Topics;
import dev.seva.contracts.whatsapp.WhatsAppStatusReceived;
import dev.seva.notification.support.Commands;
import dev.seva.notification.support.Deliveries;
import dev.seva.notification.support.GraphCalls;
import dev.seva.notification.support.NotificationTest;
import dev.seva.simulator.standin.ApiCall;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A command redelivered after a crash or a rebalance is not sent again once its send was recorded;
 * one found "sending" is resent only when no status shows that Meta took it and it has been silent
 * longer than the takeover time (2 s in tests). Crashes are simulated the way Kafka shows them to the
 * service: the same records, again, after some or all were processed; and rows left "sending".
 */
@QuarkusTest
class IdempotencyTest extends NotificationTest {

    @Inject
    Pool pool;

    /** A row as a crashed instance leaves it: claimed, maybe sent, not recorded. */
    private void leftSending(UUID commandId, Duration silentFor) {
        pool.preparedQuery("INSERT INTO delivery (command_id, phone_number_id, recipient_hash, kind, state, attempts, owner, "
                        + "last_attempt_at, command_at, enqueued_at) VALUES ($1, '106540352242922', '\\x00'::bytea, 'text', 'sending', 1, $2, "
                        + "now() - make_interval(secs => $3), now(), now())")
                .execute(Tuple.of(commandId, UUID.randomUUID(), silentFor.toMillis() / 1000.0)).await().indefinitely();
    }

    private void statusSent(String citizen, String wamid, UUID commandId) throws Exception {
        WhatsAppStatusReceived status = new WhatsAppStatusReceived(EventIds.nameBased("test", wamid, "sent"),
                WhatsAppStatusReceived.EVENT_TYPE, Instant.now(), Instant.now(), "102290129340398", "106540352242922", wamid,
                CitizenAddress.ofWaId(citizen), WhatsAppStatusReceived.DeliveryStatus.SENT, null, null, commandId.toString(), null);
        kafka.send(Topics.WHATSAPP_STATUS, citizen, EventJson.mapper().writeValueAsString(status), WhatsAppStatusReceived.EVENT_TYPE);
    }

    @Test
    void sendsNothingTwiceWhenABatchIsRedeliveredPartWayThrough() {
        List<Commands.Command> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batch.add(Commands.example(i % 3 == 0 ? "list" : "text"));
        }
        double skippedBefore = metric("seva_notification_duplicates_total{reason=\"already-accepted\"}");
        batch.forEach(command -> Commands.send(kafka, command));
        await().atMost(Duration.ofSeconds(30)).until(() -> batch.stream().filter(c -> !GraphCalls.forCommand(meta, c.id()).isEmpty()).count() >= 10);

        batch.forEach(command -> Commands.send(kafka, command));

        batch.forEach(command -> Deliveries.awaitState(command.id(), "accepted"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                metric("seva_notification_duplicates_total{reason=\"already-accepted\"}") - skippedBefore >= 30);
        for (Commands.Command command : batch) {
            assertThat(GraphCalls.forCommand(meta, command.id())).as("calls for %s", command.id()).hasSize(1);
        }
    }

    @Test
    void doesNotResendACommandWhoseSentStatusArrivedWhileItWasLeftSending() throws Exception {
        Commands.Command command = Commands.example("text");
        // Left sending "8 s from now": the takeover is 10 s away, so the status (another topic, another
        // consumer) has ample time to arrive first even on a busy machine; before it, nothing is resent.
        leftSending(command.id(), Duration.ofSeconds(-8));
        double skippedBefore = metric("seva_notification_duplicates_total{reason=\"already-accepted\"}");

        Commands.send(kafka, command);
        statusSent(command.key(), "wamid.SENT-BEFORE-THE-CRASH-" + command.id(), command.id());

        JsonPath delivery = Deliveries.awaitState(command.id(), "accepted");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                metric("seva_notification_duplicates_total{reason=\"already-accepted\"}") > skippedBefore);
        assertThat(delivery.getString("wamid")).isEqualTo("wamid.SENT-BEFORE-THE-CRASH-" + command.id());
        assertThat(delivery.getString("status")).isEqualTo("sent");
        assertThat(GraphCalls.forCommand(meta, command.id())).isEmpty();
    }

    @Test
    void resendsOnceACommandLeftSendingWithoutAnyStatus() {
        Commands.Command command = Commands.example("buttons");
        leftSending(command.id(), Duration.ofMinutes(5));

        Commands.send(kafka, command);

        JsonPath delivery = Deliveries.awaitState(command.id(), "accepted");
        assertThat(GraphCalls.forCommand(meta, command.id())).hasSize(1);
        assertThat(delivery.getInt("attempts")).isEqualTo(2);
    }

    @Test
    void waitsTheTakeoverTimeBeforeResendingACommandSomeoneJustTried() {
        Commands.Command command = Commands.example("text");
        Instant leftAt = Instant.now(); // before the insert: a lower bound for the row's now()
        leftSending(command.id(), Duration.ZERO);

        Commands.send(kafka, command);

        Deliveries.awaitState(command.id(), "accepted");
        List<ApiCall> calls = GraphCalls.forCommand(meta, command.id());
        assertThat(calls).hasSize(1);
        assertThat(Duration.between(leftAt, calls.get(0).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1_800));
    }
}
