package dev.seva.contracts.handover;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.ContractExamples;
import dev.seva.contracts.ContractValidator;
import dev.seva.contracts.ContractViolation;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Topics;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of the two handover topics and of the delayed outcome that a plain required/type check does not show. */
class HandoverContractsTest {

    final ContractValidator validator = ContractValidator.instance();

    @Test
    void aCitizenMessageNeedsTextOrMedia() {
        ObjectNode message = (ObjectNode) ContractExamples.load("conversation.handovers.v1", "citizen-message-text");
        message.remove("text");
        assertThat(validator.validate(Topics.CONVERSATION_HANDOVERS, message)).isNotEmpty();
        message.putObject("media").put("mediaId", "1479537139650973").put("mimeType", "application/pdf");
        assertThat(validator.validate(Topics.CONVERSATION_HANDOVERS, message)).isEmpty();
    }

    @Test
    void aHandoverRequestNeedsLanguageAndReason() {
        ObjectNode requested = (ObjectNode) ContractExamples.load("conversation.handovers.v1", "requested");
        requested.remove("reason");
        assertThat(fields(validator.validate(Topics.CONVERSATION_HANDOVERS, requested))).contains("/reason");
        requested.put("reason", "bored");
        assertThat(validator.validate(Topics.CONVERSATION_HANDOVERS, requested)).isNotEmpty();
    }

    @Test
    void aPhoneNumberIsNoCitizenReference() {
        ObjectNode requested = (ObjectNode) ContractExamples.load("conversation.handovers.v1", "requested");
        requested.put("citizenRef", "919876543210");
        assertThat(fields(validator.validate(Topics.CONVERSATION_HANDOVERS, requested))).contains("/citizenRef");
        ObjectNode replied = (ObjectNode) ContractExamples.load("desk.handovers.v1", "officer-replied");
        replied.putObject("address").put("waId", "919876543210");
        assertThat(validator.validate(Topics.DESK_HANDOVERS, replied)).isNotEmpty();
    }

    @Test
    void whatCitizenAndOfficerWriteTravelsOnlySealed() {
        // Tried: the texts as they travelled before issue 15 (in clear, readable in the topics and their
        // backups after the citizen's erasure), and a citizen's file name in clear.
        ObjectNode message = (ObjectNode) ContractExamples.load("conversation.handovers.v1", "citizen-message-text");
        assertThat(validator.validate(Topics.CONVERSATION_HANDOVERS, message)).isEmpty();
        message.put("text", "my name is Lakshmi Venkata");
        assertThat(fields(validator.validate(Topics.CONVERSATION_HANDOVERS, message))).contains("/text");
        ObjectNode photo = (ObjectNode) ContractExamples.load("conversation.handovers.v1", "citizen-message-photo");
        ((ObjectNode) photo.get("media")).put("filename", "Lakshmi ration card.pdf");
        assertThat(fields(validator.validate(Topics.CONVERSATION_HANDOVERS, photo))).contains("/media/filename");
        ObjectNode requested = (ObjectNode) ContractExamples.load("conversation.handovers.v1", "requested");
        requested.put("text", "officer please");
        assertThat(fields(validator.validate(Topics.CONVERSATION_HANDOVERS, requested))).contains("/text");
        ObjectNode replied = (ObjectNode) ContractExamples.load("desk.handovers.v1", "officer-replied");
        assertThat(validator.validate(Topics.DESK_HANDOVERS, replied)).isEmpty();
        replied.put("text", "Dear Lakshmi, send your ration card");
        assertThat(fields(validator.validate(Topics.DESK_HANDOVERS, replied))).contains("/text");
    }

    @Test
    void anOfficersReplyNeedsTextAndAClosingHasNone() {
        // WhatsApp's 4096-character limit is the desk's to check before sealing (the seal hides the length).
        ObjectNode replied = (ObjectNode) ContractExamples.load("desk.handovers.v1", "officer-replied");
        replied.remove("text");
        assertThat(fields(validator.validate(Topics.DESK_HANDOVERS, replied))).contains("/text");
        ObjectNode closed = (ObjectNode) ContractExamples.load("desk.handovers.v1", "closed");
        closed.remove("officer");
        assertThat(fields(validator.validate(Topics.DESK_HANDOVERS, closed))).contains("/officer");
    }

    @Test
    void eventsAreReadAsTheRecordOfTheirType() {
        assertThat(ContractExamples.load("conversation.handovers.v1", "citizen-message-photo", ConversationHandoverEvent.class))
                .isInstanceOfSatisfying(HandoverCitizenMessageSent.class, m -> assertThat(m.media().mimeType()).isEqualTo("image/jpeg"));
        assertThat(ContractExamples.load("conversation.handovers.v1", "requested", ConversationHandoverEvent.class))
                .isInstanceOfSatisfying(HandoverRequested.class, r -> assertThat(r.reason()).isEqualTo(HandoverRequested.Reason.ASKED));
        assertThat(ContractExamples.load("desk.handovers.v1", "closed", DeskHandoverEvent.class)).isInstanceOf(HandoverClosed.class);
        assertThat(ContractExamples.load("desk.handovers.v1", "officer-replied", DeskHandoverEvent.class))
                .isInstanceOfSatisfying(HandoverOfficerReplied.class, r -> assertThat(r.officer().designation()).isEqualTo("Deputy Tahsildar"));
    }

    @Test
    void aDelayedOutcomeNeedsTheNewDateAndFitsRevenuesOwnContract() {
        ObjectNode delayed = (ObjectNode) ContractExamples.load("dept.outcomes.v1", "delayed");
        assertThat(validator.validate(Topics.departmentOutcomes("revenue"), delayed)).isEmpty();
        assertThat(validator.validate(Topics.departmentOutcomes("transport"), delayed.deepCopy().put("departmentId", "transport")
                .put("applicationRef", "SEVA-TRA-2026-000042"))).isEmpty();
        delayed.remove("expectedBy");
        assertThat(fields(validator.validate(Topics.departmentOutcomes("revenue"), delayed))).contains("/expectedBy");
        ApplicationOutcomeDecided read = ContractExamples.load("dept.outcomes.v1", "delayed", ApplicationOutcomeDecided.class);
        assertThat(read.outcome()).isEqualTo(ApplicationOutcomeDecided.Outcome.DELAYED);
        assertThat(read.expectedBy()).isEqualTo(LocalDate.of(2026, 12, 16));
        assertThat(EventJson.mapper().valueToTree(read).path("outcome").asText()).isEqualTo("delayed");
    }

    private static List<String> fields(List<ContractViolation> violations) {
        return violations.stream().map(ContractViolation::field).toList();
    }
}
