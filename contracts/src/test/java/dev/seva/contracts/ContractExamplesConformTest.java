package dev.seva.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.catalogue.CatalogueServicePublished;
import dev.seva.contracts.citizen.CitizenErasureRequested;
import dev.seva.contracts.department.ApplicationEvent;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.contracts.documents.DocumentIssued;
import dev.seva.contracts.handover.ConversationHandoverEvent;
import dev.seva.contracts.handover.DeskHandoverEvent;
import dev.seva.contracts.whatsapp.SendMessage;
import dev.seva.contracts.whatsapp.WhatsAppMessageReceived;
import dev.seva.contracts.whatsapp.WhatsAppStatusReceived;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every shipped example conforms to its topic's schema and survives a round trip through its Java record. */
class ContractExamplesConformTest {

    static final Path EXAMPLES = Path.of("src/main/resources/contracts/examples");

    /** Example folder → a concrete topic that uses that contract, and the record type for it. */
    static final Map<String, Map.Entry<String, Class<?>>> FOLDERS = Map.ofEntries(
            Map.entry("whatsapp.inbound.v1", Map.entry(Topics.WHATSAPP_INBOUND, WhatsAppMessageReceived.class)),
            Map.entry("whatsapp.status.v1", Map.entry(Topics.WHATSAPP_STATUS, WhatsAppStatusReceived.class)),
            Map.entry("whatsapp.outbound.v1", Map.entry(Topics.WHATSAPP_OUTBOUND, SendMessage.class)),
            Map.entry("catalogue.services.v1", Map.entry(Topics.CATALOGUE_SERVICES, CatalogueServicePublished.class)),
            Map.entry("documents.issued.v1", Map.entry(Topics.DOCUMENTS_ISSUED, DocumentIssued.class)),
            Map.entry("citizen.erasure.v1", Map.entry(Topics.CITIZEN_ERASURE, CitizenErasureRequested.class)),
            // The department examples are Revenue's: a department topic carries only its own department's events.
            Map.entry("dept.applications.v1", Map.entry(Topics.departmentApplications("revenue"), ApplicationEvent.class)),
            Map.entry("dept.outcomes.v1", Map.entry(Topics.departmentOutcomes("revenue"), ApplicationOutcomeDecided.class)),
            // Look-ups are Municipal's (Revenue decides applications only).
            Map.entry("dept.lookups.v1", Map.entry(Topics.departmentLookups("municipal"), dev.seva.contracts.department.LookupRequested.class)),
            Map.entry("dept.answers.v1", Map.entry(Topics.departmentAnswers("municipal"), dev.seva.contracts.department.LookupAnswered.class)),
            Map.entry("conversation.handovers.v1", Map.entry(Topics.CONVERSATION_HANDOVERS, ConversationHandoverEvent.class)),
            Map.entry("desk.handovers.v1", Map.entry(Topics.DESK_HANDOVERS, DeskHandoverEvent.class)),
            Map.entry("whatsapp.payments.v1", Map.entry(Topics.WHATSAPP_PAYMENTS, dev.seva.contracts.whatsapp.WhatsAppPaymentReceived.class)),
            Map.entry("payments.orders.v1", Map.entry(Topics.PAYMENTS_ORDERS, dev.seva.contracts.payments.PaymentOrderEvent.class)),
            Map.entry("payments.events.v1", Map.entry(Topics.PAYMENTS_EVENTS, dev.seva.contracts.payments.PaymentEvent.class)));

    static Stream<Arguments> examples() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> folders = Files.list(EXAMPLES)) {
            for (Path folder : folders.sorted().toList()) {
                String name = folder.getFileName().toString();
                assertThat(FOLDERS).as("example folder %s has a topic", name).containsKey(name);
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.sorted().toList()) {
                        String example = file.getFileName().toString().replace(".json", "");
                        cases.add(Arguments.of(name, example));
                    }
                }
            }
        }
        return cases.stream();
    }

    @Test
    void everyPlatformTopicHasAtLeastOneExample() throws IOException {
        for (String topic : Topics.PLATFORM) {
            try (Stream<Path> files = Files.list(EXAMPLES.resolve(topic))) {
                assertThat(files.count()).as("examples of %s", topic).isPositive();
            }
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("examples")
    void exampleConformsToItsSchema(String folder, String example) {
        String topic = FOLDERS.get(folder).getKey();
        assertThat(ContractValidator.instance().validate(topic, ContractExamples.load(folder, example))).isEmpty();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("examples")
    void exampleRoundTripsThroughItsRecordUnchanged(String folder, String example) throws IOException {
        JsonNode original = ContractExamples.load(folder, example);
        Object event = ContractExamples.load(folder, example, FOLDERS.get(folder).getValue());
        JsonNode again = EventJson.mapper().valueToTree(event);
        assertThat(normalize(again)).isEqualTo(normalize(original));
        ContractAssertions.assertConforms(FOLDERS.get(folder).getKey(), again);
    }

    /** Instants may be written with a different number of fraction digits; compare them as instants. */
    private static JsonNode normalize(JsonNode node) throws IOException {
        String text = EventJson.mapper().writeValueAsString(node)
                .replaceAll("\"(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(\\.\\d+?)0*Z\"", "\"$1$2Z\"")
                .replaceAll("\"(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\.Z\"", "\"$1Z\"");
        ObjectNode parsed = (ObjectNode) EventJson.mapper().readTree(text);
        return parsed;
    }
}
