package dev.seva.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Broken events are refused with a message that names the field: for each contract we take a valid
 * example and (1) remove a required field, (2) give a field the wrong type, (3) use a value outside
 * its enum.
 */
class ContractViolationsTest {

    /** A mutation of a valid example, the field it touches (JSON Pointer) and the keyword that must fail. */
    record Case(String label, String topic, String folder, String example, String pointer, Mutation mutation, String keyword) {
        @Override
        public String toString() {
            return label;
        }
    }

    enum Mutation { REMOVE, WRONG_TYPE, UNKNOWN_ENUM }

    static Stream<Arguments> cases() {
        String dApps = Topics.departmentApplications("example");
        String dOut = Topics.departmentOutcomes("example");
        return Stream.of(
                new Case("inbound without from", Topics.WHATSAPP_INBOUND, "whatsapp.inbound.v1", "text", "/from", Mutation.REMOVE, "required"),
                new Case("inbound text without body", Topics.WHATSAPP_INBOUND, "whatsapp.inbound.v1", "text", "/text/body", Mutation.REMOVE, "required"),
                new Case("inbound eventId a number", Topics.WHATSAPP_INBOUND, "whatsapp.inbound.v1", "text", "/eventId", Mutation.WRONG_TYPE, "type"),
                new Case("inbound unknown type", Topics.WHATSAPP_INBOUND, "whatsapp.inbound.v1", "text", "/type", Mutation.UNKNOWN_ENUM, "enum"),
                new Case("inbound list reply unknown kind", Topics.WHATSAPP_INBOUND, "whatsapp.inbound.v1", "list-reply", "/interactive/kind", Mutation.UNKNOWN_ENUM, "enum"),
                new Case("status without messageId", Topics.WHATSAPP_STATUS, "whatsapp.status.v1", "delivered", "/messageId", Mutation.REMOVE, "required"),
                new Case("status failed without errors", Topics.WHATSAPP_STATUS, "whatsapp.status.v1", "failed", "/errors", Mutation.REMOVE, "required"),
                new Case("status phoneNumberId a number", Topics.WHATSAPP_STATUS, "whatsapp.status.v1", "delivered", "/phoneNumberId", Mutation.WRONG_TYPE, "type"),
                new Case("status unknown status", Topics.WHATSAPP_STATUS, "whatsapp.status.v1", "delivered", "/status", Mutation.UNKNOWN_ENUM, "enum"),
                new Case("outbound without withinServiceWindow", Topics.WHATSAPP_OUTBOUND, "whatsapp.outbound.v1", "text", "/withinServiceWindow", Mutation.REMOVE, "required"),
                new Case("outbound text body a number", Topics.WHATSAPP_OUTBOUND, "whatsapp.outbound.v1", "text", "/text/body", Mutation.WRONG_TYPE, "type"),
                new Case("outbound unknown kind", Topics.WHATSAPP_OUTBOUND, "whatsapp.outbound.v1", "text", "/kind", Mutation.UNKNOWN_ENUM, "enum"),
                new Case("outbound unknown language", Topics.WHATSAPP_OUTBOUND, "whatsapp.outbound.v1", "text", "/language", Mutation.UNKNOWN_ENUM, "enum"),
                new Case("catalogue service without names", Topics.CATALOGUE_SERVICES, "catalogue.services.v1", "income-certificate", "/service/names", Mutation.REMOVE, "required"),
                new Case("catalogue slaDays a string", Topics.CATALOGUE_SERVICES, "catalogue.services.v1", "income-certificate", "/service/slaDays", Mutation.WRONG_TYPE, "type"),
                new Case("catalogue unknown delivery mode", Topics.CATALOGUE_SERVICES, "catalogue.services.v1", "income-certificate", "/service/deliveryMode", Mutation.UNKNOWN_ENUM, "enum"),
                new Case("document without sha256", Topics.DOCUMENTS_ISSUED, "documents.issued.v1", "income-certificate", "/sha256", Mutation.REMOVE, "required"),
                new Case("document sizeBytes a string", Topics.DOCUMENTS_ISSUED, "documents.issued.v1", "income-certificate", "/sizeBytes", Mutation.WRONG_TYPE, "type"),
                new Case("document unknown eventType", Topics.DOCUMENTS_ISSUED, "documents.issued.v1", "income-certificate", "/eventType", Mutation.UNKNOWN_ENUM, "const"),
                new Case("erasure without citizenRef", Topics.CITIZEN_ERASURE, "citizen.erasure.v1", "citizen-request", "/citizenRef", Mutation.REMOVE, "required"),
                new Case("erasure occurredAt a number", Topics.CITIZEN_ERASURE, "citizen.erasure.v1", "citizen-request", "/occurredAt", Mutation.WRONG_TYPE, "type"),
                new Case("erasure unknown reason", Topics.CITIZEN_ERASURE, "citizen.erasure.v1", "citizen-request", "/reason", Mutation.UNKNOWN_ENUM, "enum"),
                new Case("application without applicationRef", dApps, "dept.applications.v1", "submitted", "/applicationRef", Mutation.REMOVE, "required"),
                new Case("application fields a number", dApps, "dept.applications.v1", "submitted", "/fields", Mutation.WRONG_TYPE, "type"),
                new Case("application unknown eventType", dApps, "dept.applications.v1", "submitted", "/eventType", Mutation.UNKNOWN_ENUM, "enum"),
                new Case("outcome without outcome", dOut, "dept.outcomes.v1", "approved", "/outcome", Mutation.REMOVE, "required"),
                new Case("outcome rejected without reason", dOut, "dept.outcomes.v1", "rejected", "/reason", Mutation.REMOVE, "required"),
                new Case("outcome citizenRef a number", dOut, "dept.outcomes.v1", "approved", "/citizenRef", Mutation.WRONG_TYPE, "type"),
                new Case("outcome unknown outcome", dOut, "dept.outcomes.v1", "approved", "/outcome", Mutation.UNKNOWN_ENUM, "enum")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void brokenEventIsRefusedNamingTheField(Case c) {
        JsonNode event = ContractExamples.load(c.folder(), c.example()).deepCopy();
        mutate(event, c.pointer(), c.mutation());

        List<ContractViolation> violations = ContractValidator.instance().validate(c.topic(), event);

        assertThat(violations)
                .as("violations of %s", c.label())
                .anySatisfy(v -> {
                    assertThat(v.field()).isEqualTo(c.pointer());
                    assertThat(v.keyword()).isEqualTo(c.keyword());
                    assertThat(v.message()).contains(c.pointer().substring(c.pointer().lastIndexOf('/') + 1));
                });
    }

    @Test
    void aadhaarNumberInClearIsRefusedOnDepartmentTopics() {
        ObjectNode event = ContractExamples.load("dept.applications.v1", "submitted").deepCopy();
        ((ObjectNode) event.get("fields")).put("aadhaar", "2345 6789 0123");
        assertThat(ContractValidator.instance().validate(Topics.departmentApplications("revenue"), event))
                .extracting(ContractViolation::field)
                .contains("/fields/aadhaar");
    }

    @Test
    void whatTheCitizenAnsweredTravelsToDepartmentsOnlySealed() {
        // Tried: the answers as they travelled before issue 15 (a name and an income in clear), and an
        // answer to a department's question in clear: each is readable in the topic and its backups
        // after the citizen's erasure, so the contract refuses it.
        ObjectNode submitted = ContractExamples.load("dept.applications.v1", "submitted").deepCopy();
        assertThat(ContractValidator.instance().validate(Topics.departmentApplications("revenue"), submitted)).isEmpty();
        ((ObjectNode) submitted.get("fields")).put("applicantName", "Lakshmi Venkata").put("annualIncome", 84000);
        assertThat(ContractValidator.instance().validate(Topics.departmentApplications("revenue"), submitted))
                .extracting(ContractViolation::field)
                .contains("/fields/applicantName", "/fields/annualIncome");

        ObjectNode provided = ContractExamples.load("dept.applications.v1", "information-provided").deepCopy();
        assertThat(ContractValidator.instance().validate(Topics.departmentApplications("municipal"), provided.put("departmentId", "municipal")
                .put("applicationRef", "SEVA-MUN-2026-482913").put("serviceId", "mun-water-connection"))).isEmpty();
        ((ObjectNode) provided.get("information")).put("answer", "Farmer");
        assertThat(ContractValidator.instance().validate(Topics.departmentApplications("municipal"), provided))
                .extracting(ContractViolation::field)
                .contains("/information/answer");
    }

    @Test
    void anErasureEventCarriesNoPhoneNumber() {
        // Tried: the pre-issue-15 erasure event, with the citizen's WhatsApp address beside the citizenRef.
        ObjectNode event = ContractExamples.load("citizen.erasure.v1", "citizen-request").deepCopy();
        assertThat(event.has("address")).as("the shipped example").isFalse();
        event.putObject("address").put("waId", "919876543210");
        assertThat(ContractValidator.instance().validate(Topics.CITIZEN_ERASURE, event))
                .extracting(ContractViolation::keyword).contains("additionalProperties");
    }

    @Test
    void anOutboundCommandNamesItsCitizenOnlyByThePseudonymousReference() {
        // citizenRef is optional (the privacy notice goes to a citizen not known yet) ...
        ObjectNode event = ContractExamples.load("whatsapp.outbound.v1", "text").deepCopy();
        assertThat(ContractValidator.instance().validate(Topics.WHATSAPP_OUTBOUND, event)).isEmpty();
        event.remove("citizenRef");
        assertThat(ContractValidator.instance().validate(Topics.WHATSAPP_OUTBOUND, event)).isEmpty();
        // ... and never a phone number.
        event.put("citizenRef", "919876543210");
        assertThat(ContractValidator.instance().validate(Topics.WHATSAPP_OUTBOUND, event))
                .extracting(ContractViolation::field).contains("/citizenRef");
        dev.seva.contracts.whatsapp.SendMessage read = ContractExamples.load("whatsapp.outbound.v1", "text",
                dev.seva.contracts.whatsapp.SendMessage.class);
        assertThat(read.citizenRef()).isEqualTo("cit_7QbX2mK9pL4sT8vW1yZ3");
    }

    /** Both department streams, for a department with its own schema (revenue) and one on the shared envelope only. */
    static Stream<Arguments> departmentTopics() {
        return Stream.of(
                Arguments.of(Topics.departmentApplications("revenue"), "dept.applications.v1", "submitted"),
                Arguments.of(Topics.departmentOutcomes("revenue"), "dept.outcomes.v1", "approved"),
                Arguments.of(Topics.departmentApplications("municipal"), "dept.applications.v1", "submitted"),
                Arguments.of(Topics.departmentOutcomes("municipal"), "dept.outcomes.v1", "approved"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("departmentTopics")
    void aDepartmentTopicCarriesOnlyItsOwnDepartmentsEvents(String topic, String folder, String example) {
        String department = Topics.parseDepartmentTopic(topic).orElseThrow().departmentId();
        String other = department.equals("revenue") ? "municipal" : "revenue";
        ObjectNode own = ContractExamples.load(folder, example).deepCopy();
        own.put("departmentId", department);
        if (!department.equals("revenue")) {
            // References and service ids of another department (the envelope's patterns allow any prefix).
            own.put("applicationRef", "SEVA-MUN-2026-000123").put("serviceId", "mun-birth-certificate");
        }
        ObjectNode forged = own.deepCopy().put("departmentId", other);

        assertThat(ContractValidator.instance().validate(topic, own)).as("its own department's event").isEmpty();
        assertThat(ContractValidator.instance().validate(topic, forged)).as("another department's event on " + topic)
                .anySatisfy(v -> {
                    assertThat(v.field()).isEqualTo("/departmentId");
                    assertThat(v.message()).contains("departmentId");
                });
        assertThatThrownBy(() -> ContractValidator.instance().requireValid(topic, (JsonNode) forged))
                .isInstanceOf(ContractViolationException.class).hasMessageContaining("/departmentId");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("departmentTopics")
    void aDepartmentAnswersOnlyItsOwnApplications(String topic, String folder, String example) {
        String department = Topics.parseDepartmentTopic(topic).orElseThrow().departmentId();
        ObjectNode own = ContractExamples.load(folder, example).deepCopy();
        own.put("departmentId", department);
        if (!department.equals("revenue")) {
            own.put("serviceId", "mun-birth-certificate");
        }
        own.put("applicationRef", department.equals("revenue") ? "SEVA-REV-2026-000123" : "SEVA-MUN-2026-000123");
        // Tried: the department's own id, its own topic, and another department's reference (Transport's).
        ObjectNode forged = own.deepCopy().put("applicationRef", "SEVA-TRA-2026-000123");

        assertThat(ContractValidator.instance().validate(topic, own)).as("its own application").isEmpty();
        assertThat(ContractValidator.instance().validate(topic, forged)).as("another department's application on " + topic)
                .anySatisfy(v -> assertThat(v.field()).isEqualTo("/applicationRef"));
    }

    @Test
    void producerGuardThrowsWithTheFieldInTheMessage() {
        ObjectNode event = ContractExamples.load("whatsapp.inbound.v1", "text").deepCopy();
        event.remove("messageId");
        assertThatThrownBy(() -> ContractValidator.instance().requireValid(Topics.WHATSAPP_INBOUND, (JsonNode) event))
                .isInstanceOf(ContractViolationException.class)
                .hasMessageContaining("/messageId");
        assertThatThrownBy(() -> ContractAssertions.assertConforms(Topics.WHATSAPP_INBOUND, event))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("/messageId");
    }

    @Test
    void textThatIsNotJsonIsOneViolation() {
        assertThat(ContractValidator.instance().validate(Topics.WHATSAPP_STATUS, "{not json"))
                .singleElement().satisfies(v -> assertThat(v.keyword()).isEqualTo("json"));
    }

    @Test
    void everyPlatformTopicAndDepartmentTemplateHasAContract() {
        Topics.PLATFORM.forEach(t -> assertThat(ContractValidator.instance().hasContract(t)).as(t).isTrue());
        assertThat(ContractValidator.instance().hasContract("dept.revenue.outcomes.v1")).isTrue();
        assertThat(ContractValidator.instance().hasContract("orders.v1")).isFalse();
    }

    private static void mutate(JsonNode root, String pointer, Mutation mutation) {
        int cut = pointer.lastIndexOf('/');
        String parentPointer = pointer.substring(0, cut);
        String field = pointer.substring(cut + 1);
        ObjectNode parent = (ObjectNode) (parentPointer.isEmpty() ? root : root.at(parentPointer));
        switch (mutation) {
            case REMOVE -> parent.remove(field);
            case WRONG_TYPE -> parent.set(field, parent.get(field).isTextual() ? IntNode.valueOf(42) : TextNode.valueOf("forty-two"));
            case UNKNOWN_ENUM -> parent.put(field, "no_such_value");
        }
    }
}
