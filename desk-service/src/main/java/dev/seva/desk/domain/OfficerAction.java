package dev.seva.desk.domain;

import java.util.Map;

/** What an officer does to an application. Each is checked by {@link Transitions} against where the application stands. */
public sealed interface OfficerAction {

    String name();

    record Accept() implements OfficerAction {
        public String name() {
            return "accept";
        }
    }

    /** Ask the citizen for more information; {@code answerType} text or media (a photo or a PDF). */
    record Ask(String question, String answerType) implements OfficerAction {
        public String name() {
            return "ask";
        }
    }

    record Reject(String reason) implements OfficerAction {
        public String name() {
            return "reject";
        }
    }

    /** Approve; {@code fields} override the certificate's prefilled data. */
    record Approve(Map<String, String> fields) implements OfficerAction {
        public String name() {
            return "approve";
        }
    }

    record Assign(String officer) implements OfficerAction {
        public String name() {
            return "assign";
        }
    }

    record Note(String text) implements OfficerAction {
        public String name() {
            return "note";
        }
    }
}
