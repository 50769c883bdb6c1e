package dev.seva.desk.domain;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which officer action an application allows where it stands, and the checks of the action's own
 * input. Pure: the service applies the answer under a row lock, so two officers acting at once get
 * one success and one {@link ActionRefused.Kind#CONFLICT}.
 */
public final class Transitions {

    public static final int MAX_TEXT = 1000;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]");
    private static final Pattern USER_NAME = Pattern.compile("^[A-Za-z0-9._@-]{1,128}$");

    private Transitions() {
    }

    /** The status after the action; throws {@link ActionRefused} when the action is not allowed now. */
    public static ApplicationStatus next(ApplicationStatus current, OfficerAction action) {
        checkInput(action);
        if (current == ApplicationStatus.WITHDRAWN) {
            throw new ActionRefused(ActionRefused.Kind.GONE, "application-withdrawn", null,
                    "The citizen withdrew this application; it can no longer be acted on.",
                    "పౌరుడు ఈ దరఖాస్తును ఉపసంహరించుకున్నారు; దీనిపై ఇక చర్య తీసుకోలేరు.");
        }
        if (current == ApplicationStatus.ERASED) {
            throw new ActionRefused(ActionRefused.Kind.GONE, "application-erased", null,
                    "The citizen asked for their data to be erased; this application can no longer be acted on.",
                    "పౌరుడు తన సమాచారాన్ని తొలగించమని కోరారు; ఈ దరఖాస్తుపై ఇక చర్య తీసుకోలేరు.");
        }
        if (action instanceof OfficerAction.Note || action instanceof OfficerAction.Assign) {
            if (action instanceof OfficerAction.Assign && !current.isOpen()) {
                throw decided(current);
            }
            return current;
        }
        if (!current.isOpen()) {
            throw decided(current);
        }
        if (action instanceof OfficerAction.Accept) {
            if (current != ApplicationStatus.NEW) {
                throw new ActionRefused(ActionRefused.Kind.CONFLICT, "already-accepted", null,
                        "This application was already accepted (perhaps by another officer just now). Reload to see its current state.",
                        "ఈ దరఖాస్తు ఇప్పటికే ఆమోదించబడింది (బహుశా మరో అధికారి ఇప్పుడే). ప్రస్తుత స్థితి చూడటానికి మళ్లీ లోడ్ చేయండి.");
            }
            return ApplicationStatus.ACCEPTED;
        }
        if (action instanceof OfficerAction.Ask) {
            if (current == ApplicationStatus.AWAITING_CITIZEN) {
                throw new ActionRefused(ActionRefused.Kind.CONFLICT, "already-asked", null,
                        "The citizen has already been asked a question and has not answered yet.",
                        "పౌరుడిని ఇప్పటికే ఒక ప్రశ్న అడిగారు; వారు ఇంకా జవాబు ఇవ్వలేదు.");
            }
            return ApplicationStatus.AWAITING_CITIZEN;
        }
        return action instanceof OfficerAction.Reject ? ApplicationStatus.REJECTED : ApplicationStatus.APPROVED;
    }

    private static ActionRefused decided(ApplicationStatus current) {
        return new ActionRefused(ActionRefused.Kind.CONFLICT, "already-decided", null,
                "This application was already " + current.wireName() + " (perhaps by another officer just now). Nothing was changed.",
                "ఈ దరఖాస్తు ఇప్పటికే నిర్ణయించబడింది (" + current.wireName() + "). ఏ మార్పూ చేయలేదు.");
    }

    static void checkInput(OfficerAction action) {
        if (action instanceof OfficerAction.Ask a) {
            text("question", a.question(), 5);
            if (a.answerType() != null && !a.answerType().equals("text") && !a.answerType().equals("media")) {
                throw invalid("answerType", "The answer type must be text or media.", "జవాబు రకం text లేదా media అయి ఉండాలి.");
            }
        } else if (action instanceof OfficerAction.Reject r) {
            text("reason", r.reason(), 5);
        } else if (action instanceof OfficerAction.Note n) {
            text("note", n.text(), 1);
        } else if (action instanceof OfficerAction.Assign a) {
            if (a.officer() == null || !USER_NAME.matcher(a.officer()).matches()) {
                throw invalid("officer", "Choose an officer of this department.", "ఈ శాఖ అధికారిని ఎంచుకోండి.");
            }
        } else if (action instanceof OfficerAction.Approve a && a.fields() != null) {
            for (Map.Entry<String, String> e : a.fields().entrySet()) {
                if (e.getKey() == null || !e.getKey().matches("^[A-Za-z][A-Za-z0-9_]{0,63}$")) {
                    throw invalid("fields", "A certificate field name is not valid.", "ధృవీకరణ పత్రం క్షేత్రం పేరు సరైనది కాదు.");
                }
                if (e.getValue() != null && (e.getValue().length() > 500 || CONTROL.matcher(e.getValue()).find())) {
                    throw invalid("fields." + e.getKey(), "'" + e.getKey() + "' is too long or holds control characters (500 characters at most).",
                            "'" + e.getKey() + "' చాలా పొడవుగా ఉంది (గరిష్టంగా 500 అక్షరాలు).");
                }
            }
        }
    }

    private static void text(String field, String value, int min) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.length() < min || trimmed.length() > MAX_TEXT) {
            throw invalid(field, "The " + field + " must be " + min + " to " + MAX_TEXT + " characters.",
                    field + " " + min + " నుండి " + MAX_TEXT + " అక్షరాలు ఉండాలి.");
        }
        if (CONTROL.matcher(trimmed).find()) {
            throw invalid(field, "The " + field + " holds control characters.", field + " లో నియంత్రణ అక్షరాలు ఉన్నాయి.");
        }
    }

    static ActionRefused invalid(String field, String en, String te) {
        return new ActionRefused(ActionRefused.Kind.INVALID, "invalid-action", field, en, te);
    }
}
