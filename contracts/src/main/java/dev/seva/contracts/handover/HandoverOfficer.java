package dev.seva.contracts.handover;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The officer who acted in a handover thread: their id in the desk, and the designation the citizen sees. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HandoverOfficer(String id, String designation) {
}
