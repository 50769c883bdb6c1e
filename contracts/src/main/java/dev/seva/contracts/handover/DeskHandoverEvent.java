package dev.seva.contracts.handover;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.seva.contracts.Event;

/**
 * An event on {@code desk.handovers.v1} (owner desk-service, key citizenRef): an officer's reply in a
 * handover thread, or the thread closed. Read as this interface, Jackson picks the record by
 * {@code eventType}; a handler can {@code switch} over the two.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "eventType", visible = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = HandoverOfficerReplied.class, name = HandoverOfficerReplied.EVENT_TYPE),
        @JsonSubTypes.Type(value = HandoverClosed.class, name = HandoverClosed.EVENT_TYPE)})
public sealed interface DeskHandoverEvent extends Event permits HandoverOfficerReplied, HandoverClosed {

    java.util.UUID threadId();

    String citizenRef();

    String departmentId();

    HandoverOfficer officer();
}
