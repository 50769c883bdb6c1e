package dev.seva.desk.api;

import dev.seva.desk.domain.ActionRefused;
import dev.seva.desk.domain.OfficerAction;

import java.util.Map;

/**
 * The body of {@code POST /api/applications/{reference}/actions}. {@code version} (optional) is the
 * application's version the caller saw: an action on a newer state is refused with 409.
 */
public record ActionRequest(String action, String question, String answerType, String reason, Map<String, String> fields,
                            String officer, String note, Integer version) {

    public OfficerAction toAction() {
        if (action == null) {
            throw invalid();
        }
        return switch (action) {
            case "accept" -> new OfficerAction.Accept();
            case "ask" -> new OfficerAction.Ask(question, answerType);
            case "reject" -> new OfficerAction.Reject(reason);
            case "approve" -> new OfficerAction.Approve(fields);
            case "assign" -> new OfficerAction.Assign(officer);
            case "note" -> new OfficerAction.Note(note);
            default -> throw invalid();
        };
    }

    private static ActionRefused invalid() {
        return new ActionRefused(ActionRefused.Kind.INVALID, "invalid-action", "action",
                "action must be one of accept, ask, reject, approve, assign, note.",
                "action: accept, ask, reject, approve, assign, note లో ఒకటి అయి ఉండాలి.");
    }
}
