package dev.seva.notification;

import dev.seva.contracts.CitizenAddress;
import dev.seva.contracts.ContractAssertions;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Topics;
import dev.seva.contracts.whatsapp.MetaError;
import dev.seva.contracts.whatsapp.WhatsAppStatusReceived;
import dev.seva.contracts.whatsapp.WhatsAppStatusReceived.DeliveryStatus;
import dev.seva.notification.support.Commands;
import dev.seva.notification.support.Deliveries;
import dev.seva.notification.support.GraphCalls;
import dev.seva.notification.support.NotificationTest;
import dev.seva.simulator.standin.ApiCall;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Meta's delivery statuses (whatsapp.status.v1, as the gateway publishes them) move each delivery forward. */
@QuarkusTest
class StatusUpdatesTest extends NotificationTest {

    private void status(String citizen, String wamid, DeliveryStatus status, Integer errorCode) throws Exception {
        WhatsAppStatusReceived event = new WhatsAppStatusReceived(EventIds.nameBased("test", wamid, status.wireName()),
                WhatsAppStatusReceived.EVENT_TYPE, Instant.now(), Instant.now(), "102290129340398", "106540352242922", wamid,
                CitizenAddress.ofWaId(citizen), status, null, null, null,
                errorCode == null ? null : List.of(new MetaError(errorCode, "Error " + errorCode, "Error " + errorCode, "details", null)));
        String json = EventJson.mapper().writeValueAsString(event);
        ContractAssertions.assertConforms(Topics.WHATSAPP_STATUS, json);
        kafka.send(Topics.WHATSAPP_STATUS, citizen, json, WhatsAppStatusReceived.EVENT_TYPE);
    }

    private String delivered(Commands.Command command) {
        Commands.send(kafka, command);
        return Deliveries.awaitState(command.id(), "accepted").getString("wamid");
    }

    @Test
    void movesStatusesOnlyForwardWhateverOrderTheyArriveIn() throws Exception {
        String citizen = Commands.newCitizen();
        Commands.Command first = Commands.example("text", citizen, c -> { });
        Commands.Command second = Commands.example("list", citizen, c -> { });
        String firstWamid = delivered(first);
        String secondWamid = delivered(second);

        status(citizen, firstWamid, DeliveryStatus.DELIVERED, null);
        status(citizen, firstWamid, DeliveryStatus.SENT, null);
        status(citizen, secondWamid, DeliveryStatus.READ, null);

        Deliveries.awaitStatus(second.id(), "read");
        JsonPath firstDelivery = Deliveries.get(first.id()).jsonPath();
        assertThat(firstDelivery.getString("status")).isEqualTo("delivered");
        assertThat(firstDelivery.getString("statusAt")).isNotNull();
    }

    @Test
    void recordsAFailedStatusWithMetasError() throws Exception {
        String citizen = Commands.newCitizen();
        Commands.Command command = Commands.example("buttons", citizen, c -> { });
        String wamid = delivered(command);

        status(citizen, wamid, DeliveryStatus.FAILED, 131026);

        JsonPath delivery = Deliveries.awaitStatus(command.id(), "failed");
        assertThat(delivery.getString("state")).isEqualTo("accepted");
        assertThat(delivery.getInt("lastError.code")).isEqualTo(131026);
        assertThat(metric("seva_notification_delivery_failures_total{code=\"131026\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void sendsTheFallbackTemplateOnceWhenMetaReports131047AsAFailedStatus() throws Exception {
        String citizen = Commands.newCitizen();
        String documentId = "doc_" + java.util.UUID.randomUUID().toString().substring(0, 12);
        documents.put(documentId, "%PDF-1.7".getBytes());
        Commands.Command command = Commands.example("document", citizen,
                c -> ((com.fasterxml.jackson.databind.node.ObjectNode) c.get("document")).put("documentId", documentId));
        String wamid = delivered(command);

        status(citizen, wamid, DeliveryStatus.FAILED, 131047);
        await().atMost(Duration.ofSeconds(30)).until(() -> GraphCalls.forCommand(meta, command.id()).size() == 2);
        status(citizen, wamid, DeliveryStatus.FAILED, 131047);
        Commands.Command marker = Commands.example("text", citizen, c -> { });
        delivered(marker);
        status(citizen, GraphCalls.forCommand(meta, marker.id()).get(0).wamid(), DeliveryStatus.READ, null);
        Deliveries.awaitStatus(marker.id(), "read");

        List<ApiCall> calls = GraphCalls.forCommand(meta, command.id());
        JsonPath delivery = Deliveries.awaitState(command.id(), "accepted");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).body().at("/template/name").asText()).isEqualTo("seva_document_ready");
        assertThat(calls.get(1).body().get("to").asText()).isEqualTo(citizen);
        assertThat(delivery.getBoolean("fallbackUsed")).isTrue();
        assertThat(delivery.getString("wamid")).isEqualTo(calls.get(1).wamid());
        assertThat(metric("seva_notification_fallbacks_total{trigger=\"webhook\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void ignoresAStatusOfAMessageItNeverSentAndDeadLettersAnUnreadableOne() throws Exception {
        String citizen = Commands.newCitizen();
        double before = metric("seva_notification_statuses_total{outcome=\"unknown-or-stale\",status=\"delivered\"}");

        status(citizen, "wamid.NOT-OURS-" + citizen, DeliveryStatus.DELIVERED, null);
        kafka.send(Topics.WHATSAPP_STATUS, citizen, "{\"eventType\":\"whatsapp.status.received\",\"citizen\":\"" + citizen + "\"}",
                WhatsAppStatusReceived.EVENT_TYPE);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                metric("seva_notification_statuses_total{outcome=\"unknown-or-stale\",status=\"delivered\"}") > before);
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.all(Topics.WHATSAPP_STATUS_DLQ).stream()
                .anyMatch(r -> citizen.equals(r.key()) && r.headers().get("dlq-reason").startsWith("breaks its contract: ")));
    }
}
