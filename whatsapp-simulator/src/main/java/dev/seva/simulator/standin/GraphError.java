package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * An error as the Graph API answers it: HTTP status plus
 * {@code {"error":{"message":"(#code) title","type":"OAuthException","code","error_data":{"messaging_product":"whatsapp","details"},"error_subcode"?,"fbtrace_id"}}}.
 * The codes, titles and HTTP statuses follow Meta's "WhatsApp error codes" page; 130429 is answered 429.
 */
public record GraphError(int httpStatus, int code, Integer subcode, String title, String details) {

    static final String ERROR_CODES_HREF = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";

    /** Meta's codes the stand-in can answer (also by fault injection): HTTP status, title, default details. */
    private static final Map<Integer, GraphError> CATALOGUE = Map.ofEntries(
            entry(400, 1, "API Unknown", "Invalid request or possible server error."),
            entry(503, 2, "API Service", "Temporary due to downtime or due to being overloaded."),
            entry(429, 4, "API Too Many Calls", "The app has reached its API call rate limit."),
            entry(400, 100, "Invalid parameter", "The request included one or more unsupported or misspelled parameters."),
            entry(401, 190, "Access token has expired", "Your access token has expired."),
            entry(400, 2046, "New order status was not correctly transitioned", "New order status was not correctly transitioned."),
            entry(400, 2047, "Could not change order status to 'canceled'", "Could not change order status to 'canceled'."),
            entry(429, 80007, "Rate limit issues", "The WhatsApp Business Account has reached its rate limit."),
            entry(429, 130429, "Rate limit hit",
                    "Message failed to send because there were too many messages sent from this phone number in a short period of time"),
            entry(500, 131000, "Something went wrong", "Something went wrong"),
            entry(403, 131005, "Access denied",
                    "WhatsApp Payments Terms of Service acceptance pending for this WhatsApp Business Account. Please accept the terms in WhatsApp Manager."),
            entry(400, 131008, "Required parameter is missing", "A required parameter is missing."),
            entry(400, 131009, "Parameter value is not valid", "One or more parameter values are invalid."),
            entry(400, 131026, "Message undeliverable", "Message Undeliverable."),
            entry(400, 131030, "Recipient phone number not in allowed list",
                    "Add recipient phone number to recipient list and try again."),
            entry(400, 131047, "Re-engagement message",
                    "Message failed to send because more than 24 hours have passed since the customer last replied to this number."),
            entry(400, 131048, "Spam rate limit hit",
                    "Message failed to send because there are restrictions on how many messages can be sent from this phone number."),
            entry(400, 131049, "This message was not delivered to maintain healthy ecosystem engagement.",
                    "In order to maintain a healthy ecosystem engagement, the message failed to be delivered."),
            entry(400, 131051, "Unsupported message type", "Message type is not currently supported."),
            entry(400, 131053, "Media upload error", "Unable to upload the media used in the message."),
            entry(400, 131056, "(Business Account, Consumer Account) pair rate limit hit",
                    "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time."));

    private static Map.Entry<Integer, GraphError> entry(int status, int code, String title, String details) {
        return Map.entry(code, new GraphError(status, code, code == 130429 ? 2494055 : null, title, details));
    }

    /** Meta's error for a code, with its usual HTTP status and details; unknown codes answer 400. */
    public static GraphError of(int code) {
        GraphError known = CATALOGUE.get(code);
        return known != null ? known : new GraphError(400, code, null, "Error", "Error code " + code);
    }

    public static GraphError of(int code, String details) {
        GraphError base = of(code);
        return new GraphError(base.httpStatus, code, base.subcode, base.title, details);
    }

    public static GraphError invalidParameter(String details) {
        return of(100, details);
    }

    public static GraphError invalidValue(String details) {
        return of(131009, details);
    }

    /** What Meta answers for an id it does not know on this path (code 100, subcode 33). */
    static GraphError unsupported(String method, String objectId) {
        return new GraphError(400, 100, 33, "Unsupported " + method + " request. Object with ID '" + objectId
                + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation.", null);
    }

    /**
     * A payment lookup of a reference_id the business never sent (or under another configuration): the
     * simulator answers 404 with Meta's unknown-object error (code 100, subcode 33); Meta documents none.
     */
    static GraphError unknownPayment(String configuration, String referenceId) {
        return new GraphError(404, 100, 33, "Unsupported get request. Object with ID '" + referenceId + "' does not exist, cannot be "
                + "loaded due to missing permissions, or does not support this operation.",
                "No order_details with reference_id '" + referenceId + "' was sent with payment configuration '" + configuration + "'.");
    }

    /** The response body. */
    ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", code == 190 ? "Invalid OAuth access token - " + details
                : subcode != null && subcode == 33 ? title : "(#" + code + ") " + title);
        error.put("type", subcode != null && subcode == 33 ? "GraphMethodException" : "OAuthException");
        error.put("code", code);
        if (details != null && code != 190) {
            ObjectNode data = error.putObject("error_data");
            data.put("messaging_product", "whatsapp");
            data.put("details", details);
        }
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        error.put("fbtrace_id", Ids.fbtraceId());
        return root;
    }

    /** The error as Meta attaches it to a failed status in a webhook. */
    ObjectNode toWebhookError() {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("code", code);
        error.put("title", title);
        error.put("message", title);
        error.putObject("error_data").put("details", details);
        error.put("href", ERROR_CODES_HREF);
        return error;
    }
}
