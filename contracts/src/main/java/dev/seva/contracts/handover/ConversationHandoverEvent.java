package dev.seva.contracts.handover;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.seva.contracts.Event;

/**
 * An event on {@code conversation.handovers.v1} (owner conversation-service, key citizenRef): a
 * handover opened, or a citizen's message in it. Read as this interface, Jackson picks the record by
 * {@code eventType}; a handler can {@code switch} over the two.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "eventType", visible = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = HandoverRequested.class, name = HandoverRequested.EVENT_TYPE),
        @JsonSubTypes.Type(value = HandoverCitizenMessageSent.class, name = HandoverCitizenMessageSent.EVENT_TYPE)})
public sealed interface ConversationHandoverEvent extends Event permits HandoverRequested, HandoverCitizenMessageSent {

    /** The handover thread (conversation-service chose it when it opened the thread). */
    java.util.UUID threadId();

    String citizenRef();

    /** The department whose desk answers, or {@link HandoverRequested#HELPDESK}. */
    String departmentId();
}
