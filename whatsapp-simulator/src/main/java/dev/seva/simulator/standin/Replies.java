package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.JsonNode;

/** The replies an interactive message offered: reply buttons and list rows. */
final class Replies {

    /** A reply offered: {@code button_reply} or {@code list_reply}, with its id, title and (rows) description. */
    record Offered(String kind, String id, String title, String description) {
    }

    private Replies() {
    }

    /** The reply with this id that the sent message offered, or null. */
    static Offered find(JsonNode body, String id) {
        JsonNode interactive = body == null ? null : body.get("interactive");
        if (interactive == null || id == null) {
            return null;
        }
        JsonNode action = interactive.path("action");
        if ("button".equals(interactive.path("type").asText())) {
            for (JsonNode button : action.path("buttons")) {
                JsonNode reply = button.path("reply");
                if (id.equals(reply.path("id").asText(null))) {
                    return new Offered("button_reply", id, reply.path("title").asText(), null);
                }
            }
        } else if ("list".equals(interactive.path("type").asText())) {
            for (JsonNode section : action.path("sections")) {
                for (JsonNode row : section.path("rows")) {
                    if (id.equals(row.path("id").asText(null))) {
                        return new Offered("list_reply", id, row.path("title").asText(),
                                row.hasNonNull("description") ? row.get("description").asText() : null);
                    }
                }
            }
        }
        return null;
    }
}
