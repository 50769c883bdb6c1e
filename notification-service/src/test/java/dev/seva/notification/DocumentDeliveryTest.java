package dev.seva.notification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.Topics;
import dev.seva.notification.support.Commands;
import dev.seva.notification.support.Deliveries;
import dev.seva.notification.support.GraphCalls;
import dev.seva.notification.support.NotificationTest;
import dev.seva.simulator.standin.ApiCall;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Documents: fetched once from document-service, uploaded once, sent by media id; uploaded again when Meta lost it. */
@QuarkusTest
class DocumentDeliveryTest extends NotificationTest {

    private String newDocument() {
        String documentId = "doc_" + UUID.randomUUID().toString().substring(0, 12);
        documents.put(documentId, ("%PDF-1.7 " + documentId).getBytes());
        return documentId;
    }

    private Commands.Command documentCommand(String citizen, String documentId) {
        return Commands.example("document", citizen, c -> ((ObjectNode) c.get("document")).put("documentId", documentId));
    }

    @Test
    void reusesTheUploadedMediaIdForTheSameDocument() {
        String citizen = Commands.newCitizen();
        String documentId = newDocument();
        Commands.Command first = documentCommand(citizen, documentId);
        Commands.Command second = documentCommand(citizen, documentId);

        Commands.send(kafka, first);
        Commands.send(kafka, second);

        ApiCall one = GraphCalls.awaitAccepted(meta, first.id());
        ApiCall two = GraphCalls.awaitAccepted(meta, second.id());
        assertThat(two.body().at("/document/id").asText()).isEqualTo(one.body().at("/document/id").asText());
        assertThat(documents.fetches(documentId)).isEqualTo(1);
        assertThat(GraphCalls.matching(meta, c -> c.path().endsWith("/media"))).isNotEmpty();
    }

    @Test
    void uploadsAgainWhenMetaNoLongerHasTheMedia() throws Exception {
        String citizen = Commands.newCitizen();
        String documentId = newDocument();
        Commands.Command first = documentCommand(citizen, documentId);
        Commands.send(kafka, first);
        String mediaId = GraphCalls.awaitAccepted(meta, first.id()).body().at("/document/id").asText();
        HttpResponse<String> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(meta.baseUrl() + "/v23.0/" + mediaId))
                .header("Authorization", "Bearer test-access-token").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        Commands.Command second = documentCommand(citizen, documentId);

        Commands.send(kafka, second);

        Deliveries.awaitState(second.id(), "accepted");
        var calls = GraphCalls.forCommand(meta, second.id());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(calls).extracting(ApiCall::status).containsExactly(400, 200);
        assertThat(calls.get(0).errorCode()).isEqualTo(131053);
        assertThat(calls.get(1).body().at("/document/id").asText()).isNotEqualTo(mediaId);
        assertThat(documents.fetches(documentId)).isEqualTo(2);
    }

    @Test
    void deadLettersADocumentThatDocumentServiceDoesNotHave() {
        Commands.Command command = documentCommand(Commands.newCitizen(), "doc_never_issued");

        Commands.send(kafka, command);

        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.withEventId(Topics.WHATSAPP_OUTBOUND_DLQ, command.id().toString()).isPresent());
        assertThat(kafka.withEventId(Topics.WHATSAPP_OUTBOUND_DLQ, command.id().toString()).orElseThrow().headers().get("dlq-reason"))
                .isEqualTo("document-not-found");
        assertThat(Deliveries.awaitState(command.id(), "failed").getString("lastError.message")).isEqualTo("document-not-found");
        assertThat(GraphCalls.forCommand(meta, command.id())).isEmpty();
        assertThat(documents.refused()).isZero();
    }
}
