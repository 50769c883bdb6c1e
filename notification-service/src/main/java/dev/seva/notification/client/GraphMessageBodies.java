package dev.seva.notification.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.CitizenAddress;
import dev.seva.contracts.whatsapp.SendMessage;

import java.util.Map;

/**
 * Turns a {@link SendMessage} command into the Graph API request body, exactly as Meta documents each
 * kind. The citizen is addressed by {@code to} (the phone number) when known, else by {@code recipient}
 * (the business-scoped user id; Meta: {@code to} wins when both are given, so only one is sent).
 * Every message carries the command id as {@code biz_opaque_callback_data}, which Meta echoes in the
 * status webhooks: that is how a send whose answer was lost is still recognised (see DeliveryService).
 */
public final class GraphMessageBodies {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private GraphMessageBodies() {
    }

    /**
     * @param template the template to send instead of the command's own part (its fallback), or null
     * @param mediaIds Meta media ids of the documents the message carries, by document id
     */
    public static ObjectNode of(SendMessage command, SendMessage.Template template, Map<String, String> mediaIds) {
        return of(command, template, mediaIds, null);
    }

    /** @param seller who sells what an {@code order_details} message asks to pay (Meta's importer fields) */
    public static ObjectNode of(SendMessage command, SendMessage.Template template, Map<String, String> mediaIds, GraphOrderBodies.Seller seller) {
        if (command.kind() == SendMessage.Kind.MARK_READ) {
            ObjectNode body = JSON.objectNode();
            body.put("messaging_product", "whatsapp");
            body.put("status", "read");
            body.put("message_id", command.markRead().messageId());
            return body;
        }
        ObjectNode body = JSON.objectNode();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        address(body, command.to());
        if (template != null) {
            body.put("type", "template");
            body.set("template", template(template, mediaIds));
        } else {
            switch (command.kind()) {
                case TEXT -> {
                    body.put("type", "text");
                    ObjectNode text = body.putObject("text");
                    if (command.text().previewUrl() != null) {
                        text.put("preview_url", command.text().previewUrl());
                    }
                    text.put("body", command.text().body());
                }
                case LIST -> {
                    body.put("type", "interactive");
                    body.set("interactive", list(command.list()));
                }
                case BUTTONS -> {
                    body.put("type", "interactive");
                    body.set("interactive", buttons(command.buttons()));
                }
                case DOCUMENT -> {
                    body.put("type", "document");
                    body.set("document", document(command.document(), mediaIds));
                }
                case TEMPLATE -> {
                    body.put("type", "template");
                    body.set("template", template(command.template(), mediaIds));
                }
                case ORDER_DETAILS -> {
                    if (seller == null) {
                        throw new IllegalStateException("An order_details message needs the seller's details (seva.notification.orders)");
                    }
                    body.put("type", "interactive");
                    body.set("interactive", GraphOrderBodies.orderDetails(command.orderDetails(), seller));
                }
                case ORDER_STATUS -> {
                    body.put("type", "interactive");
                    body.set("interactive", GraphOrderBodies.orderStatus(command.orderStatus()));
                }
                case MARK_READ -> throw new IllegalStateException("handled above");
            }
        }
        body.put("biz_opaque_callback_data", command.eventId().toString());
        return body;
    }

    private static void address(ObjectNode body, CitizenAddress to) {
        if (to.waId() != null && !to.waId().isBlank()) {
            body.put("to", to.waId());
        } else {
            body.put("recipient", to.userId());
        }
    }

    private static ObjectNode list(SendMessage.ListMessage list) {
        ObjectNode interactive = JSON.objectNode();
        interactive.put("type", "list");
        headerBodyFooter(interactive, list.header(), list.body(), list.footer());
        ObjectNode action = interactive.putObject("action");
        action.put("button", list.button());
        ArrayNode sections = action.putArray("sections");
        for (SendMessage.Section s : list.sections()) {
            ObjectNode section = sections.addObject();
            if (s.title() != null) {
                section.put("title", s.title());
            }
            ArrayNode rows = section.putArray("rows");
            for (SendMessage.Row r : s.rows()) {
                ObjectNode row = rows.addObject();
                row.put("id", r.id());
                row.put("title", r.title());
                if (r.description() != null) {
                    row.put("description", r.description());
                }
            }
        }
        return interactive;
    }

    private static ObjectNode buttons(SendMessage.Buttons buttons) {
        ObjectNode interactive = JSON.objectNode();
        interactive.put("type", "button");
        headerBodyFooter(interactive, buttons.header(), buttons.body(), buttons.footer());
        ArrayNode list = interactive.putObject("action").putArray("buttons");
        for (SendMessage.ReplyButton b : buttons.buttons()) {
            ObjectNode button = list.addObject();
            button.put("type", "reply");
            ObjectNode reply = button.putObject("reply");
            reply.put("id", b.id());
            reply.put("title", b.title());
        }
        return interactive;
    }

    private static void headerBodyFooter(ObjectNode interactive, String header, String body, String footer) {
        if (header != null) {
            interactive.putObject("header").put("type", "text").put("text", header);
        }
        interactive.putObject("body").put("text", body);
        if (footer != null) {
            interactive.putObject("footer").put("text", footer);
        }
    }

    private static ObjectNode document(SendMessage.Document document, Map<String, String> mediaIds) {
        ObjectNode part = JSON.objectNode();
        part.put("id", mediaId(mediaIds, document.documentId()));
        if (document.caption() != null && !document.caption().isEmpty()) {
            part.put("caption", document.caption());
        }
        part.put("filename", document.filename());
        return part;
    }

    private static ObjectNode template(SendMessage.Template template, Map<String, String> mediaIds) {
        ObjectNode part = JSON.objectNode();
        part.put("name", template.name());
        part.putObject("language").put("code", template.languageCode());
        if (template.components() != null && !template.components().isEmpty()) {
            ArrayNode components = part.putArray("components");
            for (SendMessage.TemplateComponent c : template.components()) {
                ObjectNode component = components.addObject();
                component.put("type", c.type());
                if (c.subType() != null) {
                    component.put("sub_type", c.subType());
                }
                if (c.index() != null) {
                    component.put("index", c.index().toString());
                }
                ArrayNode parameters = component.putArray("parameters");
                for (SendMessage.TemplateParameter p : c.parameters() == null ? java.util.List.<SendMessage.TemplateParameter>of() : c.parameters()) {
                    ObjectNode parameter = parameters.addObject();
                    parameter.put("type", p.type());
                    switch (p.type()) {
                        case "text" -> parameter.put("text", p.text());
                        case "payload" -> parameter.put("payload", p.payload());
                        case "document" -> parameter.putObject("document").put("id", mediaId(mediaIds, p.documentId()));
                        default -> throw new IllegalArgumentException("Template parameter type " + p.type() + " is not in the contract");
                    }
                }
            }
        }
        return part;
    }

    private static String mediaId(Map<String, String> mediaIds, String documentId) {
        String id = mediaIds.get(documentId);
        if (id == null) {
            throw new IllegalStateException("No uploaded media for a document of the message");
        }
        return id;
    }
}
