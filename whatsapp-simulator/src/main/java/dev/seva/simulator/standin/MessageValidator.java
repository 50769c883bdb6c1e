package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.seva.simulator.standin.ParamCheck.array;
import static dev.seva.simulator.standin.ParamCheck.atMost;
import static dev.seva.simulator.standin.ParamCheck.invalid;
import static dev.seva.simulator.standin.ParamCheck.lengthBetween;
import static dev.seva.simulator.standin.ParamCheck.object;
import static dev.seva.simulator.standin.ParamCheck.oneOf;
import static dev.seva.simulator.standin.ParamCheck.param;
import static dev.seva.simulator.standin.ParamCheck.text;

/**
 * Checks a {@code POST /messages} body as the Cloud API does, with Meta's codes: a missing, misspelled
 * or badly typed parameter is 100; an interactive part over Meta's limits is 131009; an unknown media
 * id is 131053. Interactive limits: list ≤ 10 rows in all across ≤ 10 sections, button text ≤ 20,
 * header ≤ 60, body ≤ 4096, footer ≤ 60, section title ≤ 24 (required with several sections), row
 * id ≤ 200 (unique), row title ≤ 24, row description ≤ 72; reply buttons 1–3, body ≤ 1024, title ≤ 20
 * (unique), id ≤ 256 (unique). Text body ≤ 4096, captions ≤ 1024. Payment messages ({@code order_details},
 * {@code order_status}) are checked by {@link OrderMessageValidator}.
 */
final class MessageValidator {

    /**
     * What a valid body asks for. {@code citizen} is the wa_id (digits) or the business-scoped user id;
     * {@code order} the payment part of an {@code order_details} or {@code order_status} message, else null.
     */
    record Send(String type, String citizen, boolean byUserId, String input, boolean template, String bizOpaque, OrderMessage order) {
    }

    private static final Set<String> TYPES = Set.of("text", "interactive", "document", "template", "image", "audio", "video",
            "sticker", "location", "contacts", "reaction");
    private static final Pattern USER_ID = Pattern.compile("^[A-Z]{2}\\.[A-Za-z0-9]{1,120}$");
    private static final Pattern DIGITS = Pattern.compile("^[0-9]{6,20}$");

    private final MediaStore media;

    MessageValidator(MediaStore media) {
        this.media = media;
    }

    /** A mark-as-read body ({@code status: read}) answers the id of the message to mark; anything else null. */
    static boolean isMarkRead(JsonNode body) {
        return body.has("status") && !body.has("type") && !body.has("to") && !body.has("recipient");
    }

    String markRead(JsonNode body) {
        messagingProduct(body);
        oneOf(body, "status", null, true, Set.of("read"));
        return text(body, "message_id", null, true);
    }

    Send send(JsonNode body) {
        messagingProduct(body);
        oneOf(body, "recipient_type", null, false, Set.of("individual"));
        String to = text(body, "to", null, false);
        String recipient = text(body, "recipient", null, false);
        String citizen;
        boolean byUserId = to == null;
        if (to != null) {
            citizen = to.replaceAll("[+\\s()\\-]", "");
            if (!DIGITS.matcher(citizen).matches()) {
                throw new GraphException(GraphError.invalidParameter("Param to must be a phone number in international form."));
            }
        } else if (recipient != null) {
            if (!USER_ID.matcher(recipient).matches()) {
                throw new GraphException(GraphError.invalidParameter("Param recipient must be a business-scoped user id."));
            }
            citizen = recipient;
        } else {
            throw ParamCheck.missing("to");
        }
        String type = body.hasNonNull("type") ? oneOf(body, "type", null, true, TYPES) : "text";
        String bizOpaque = text(body, "biz_opaque_callback_data", null, false);
        atMost(bizOpaque, 512, "biz_opaque_callback_data");
        JsonNode context = object(body, "context", null, false);
        if (context != null) {
            text(context, "message_id", "context", true);
        }
        JsonNode part = object(body, type, null, true);
        OrderMessage order = null;
        switch (type) {
            case "text" -> textMessage(part);
            case "interactive" -> order = interactive(part);
            case "document", "image", "audio", "video", "sticker" -> media(part, type, type.equals("document") || type.equals("image"));
            case "template" -> template(part);
            default -> { } // location, contacts, reaction: the platform does not send them; accepted as given
        }
        return new Send(type, citizen, byUserId, to != null ? to : recipient, type.equals("template"), bizOpaque, order);
    }

    private static void messagingProduct(JsonNode body) {
        oneOf(body, "messaging_product", null, true, Set.of("whatsapp"));
    }

    private static void textMessage(JsonNode text) {
        atMost(ParamCheck.text(text, "body", "text", true), 4096, "text['body']");
        JsonNode preview = text.get("preview_url");
        if (preview != null && !preview.isBoolean()) {
            throw new GraphException(GraphError.invalidParameter("Param text['preview_url'] must be a boolean."));
        }
    }

    /** Checks an interactive part; answers the payment part of an order message (else null). */
    private OrderMessage interactive(JsonNode interactive) {
        String kind = oneOf(interactive, "type", "interactive", true, Set.of("list", "button", "order_details", "order_status"));
        if (kind.equals("order_details")) {
            return OrderMessageValidator.details(interactive, (part, type) -> media(part, type, false));
        }
        if (kind.equals("order_status")) {
            return OrderMessageValidator.status(interactive);
        }
        boolean list = kind.equals("list");
        JsonNode header = object(interactive, "header", "interactive", false);
        if (header != null) {
            String headerType = oneOf(header, "type", "interactive['header']", true,
                    list ? Set.of("text") : Set.of("text", "image", "document", "video"));
            if (headerType.equals("text")) {
                lengthBetween(header.path("text").asText(""), 60, "Header text");
            } else {
                media(object(header, headerType, "interactive['header']", true), headerType, false);
            }
        }
        lengthBetween(text(object(interactive, "body", "interactive", true), "text", "interactive['body']", true),
                list ? 4096 : 1024, "Body text");
        JsonNode footer = object(interactive, "footer", "interactive", false);
        if (footer != null) {
            lengthBetween(footer.path("text").asText(""), 60, "Footer text");
        }
        JsonNode action = object(interactive, "action", "interactive", true);
        if (list) {
            listAction(action);
        } else {
            buttonAction(action);
        }
        return null;
    }

    private static void listAction(JsonNode action) {
        lengthBetween(text(action, "button", "interactive['action']", true), 20, "Button text");
        JsonNode sections = array(action, "sections", "interactive['action']", true);
        if (sections.isEmpty() || sections.size() > 10) {
            throw invalid("Number of sections invalid. Min: 1, Max: 10");
        }
        int rows = 0;
        Set<String> ids = new HashSet<>();
        for (int s = 0; s < sections.size(); s++) {
            String sectionParam = param("interactive['action']['sections']", s);
            JsonNode section = sections.get(s);
            String title = text(section, "title", sectionParam, false);
            if (title == null && sections.size() > 1) {
                throw invalid("Section title is required when there are multiple sections");
            }
            if (title != null) {
                lengthBetween(title, 24, "Section title");
            }
            JsonNode sectionRows = array(section, "rows", sectionParam, true);
            if (sectionRows.isEmpty()) {
                throw invalid("Number of rows in a section invalid. Min: 1");
            }
            for (int r = 0; r < sectionRows.size(); r++) {
                String rowParam = param(param(sectionParam, "rows"), r);
                JsonNode row = sectionRows.get(r);
                String id = text(row, "id", rowParam, true);
                lengthBetween(id, 200, "Row id");
                if (!ids.add(id)) {
                    throw invalid("Row ids must be unique");
                }
                lengthBetween(text(row, "title", rowParam, true), 24, "Row title");
                String description = text(row, "description", rowParam, false);
                if (description != null && ParamCheck.length(description) > 72) {
                    throw invalid("Row description length invalid. Max length: 72");
                }
            }
            rows += sectionRows.size();
        }
        if (rows > 10) {
            throw invalid("Total row count exceed max allowed count: 10");
        }
    }

    private static void buttonAction(JsonNode action) {
        JsonNode buttons = array(action, "buttons", "interactive['action']", true);
        if (buttons.isEmpty() || buttons.size() > 3) {
            throw invalid("Number of buttons invalid. Min: 1, Max: 3");
        }
        Set<String> titles = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int b = 0; b < buttons.size(); b++) {
            String buttonParam = param("interactive['action']['buttons']", b);
            oneOf(buttons.get(b), "type", buttonParam, true, Set.of("reply"));
            JsonNode reply = object(buttons.get(b), "reply", buttonParam, true);
            String id = text(reply, "id", param(buttonParam, "reply"), true);
            lengthBetween(id, 256, "Button id");
            String title = text(reply, "title", param(buttonParam, "reply"), true);
            lengthBetween(title, 20, "Button title");
            if (!titles.add(title)) {
                throw invalid("Button titles must be unique");
            }
            if (!ids.add(id)) {
                throw invalid("Button ids must be unique");
            }
        }
    }

    private void media(JsonNode part, String type, boolean captioned) {
        String id = text(part, "id", type, false);
        String link = text(part, "link", type, false);
        if ((id == null) == (link == null)) {
            throw new GraphException(GraphError.invalidParameter("Param " + type + " must have either id or link."));
        }
        if (id != null && media.get(id).isEmpty()) {
            throw new GraphException(GraphError.of(131053, "Param " + type + "['id'] is not a valid media id (unknown or expired)."));
        }
        if (link != null && !link.startsWith("https://") && !link.startsWith("http://")) {
            throw new GraphException(GraphError.invalidParameter("Param " + type + "['link'] must be an http(s) URL."));
        }
        if (captioned) {
            atMost(text(part, "caption", type, false), 1024, type + "['caption']");
        }
        atMost(text(part, "filename", type, false), 240, type + "['filename']");
    }

    private void template(JsonNode template) {
        atMost(text(template, "name", "template", true), 512, "template['name']");
        text(object(template, "language", "template", true), "code", "template['language']", true);
        JsonNode components = array(template, "components", "template", false);
        if (components == null) {
            return;
        }
        for (int c = 0; c < components.size(); c++) {
            String componentParam = param("template['components']", c);
            JsonNode component = components.get(c);
            String type = oneOf(component, "type", componentParam, true, Set.of("header", "body", "button"));
            if (type.equals("button")) {
                oneOf(component, "sub_type", componentParam, true, Set.of("quick_reply", "url", "copy_code", "flow"));
                JsonNode index = component.get("index");
                if (index == null || !(index.canConvertToInt() || index.asText().matches("[0-9]")) || index.asInt(-1) < 0 || index.asInt() > 9) {
                    throw new GraphException(GraphError.invalidParameter("Param " + param(componentParam, "index") + " must be 0 to 9."));
                }
            }
            JsonNode parameters = array(component, "parameters", componentParam, false);
            for (int p = 0; parameters != null && p < parameters.size(); p++) {
                templateParameter(parameters.get(p), param(param(componentParam, "parameters"), p), type);
            }
        }
    }

    private void templateParameter(JsonNode parameter, String paramName, String componentType) {
        String type = oneOf(parameter, "type", paramName, true, Set.of("text", "payload", "document", "image", "currency", "date_time"));
        switch (type) {
            case "text" -> {
                String value = text(parameter, "text", paramName, true);
                if (ParamCheck.length(value) > (componentType.equals("header") ? 60 : 1024)) {
                    throw invalid("Parameter text length invalid. Max length: " + (componentType.equals("header") ? 60 : 1024));
                }
            }
            case "payload" -> text(parameter, "payload", paramName, true);
            case "document", "image" -> media(object(parameter, type, paramName, true), type, false);
            default -> { }
        }
    }
}
