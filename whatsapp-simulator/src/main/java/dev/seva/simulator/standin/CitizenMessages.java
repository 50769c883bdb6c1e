package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns what a citizen does into the webhook Meta would post: {@code contacts[]} (profile name and
 * {@code wa_id}, or {@code user_id} when only the business-scoped id is known) and one
 * {@code messages[]} item ({@code from} / {@code from_user_id}, {@code id}, {@code timestamp},
 * {@code type} and its object, {@code context} when replying), signed and posted to the gateway.
 * A reply given only by id takes its title and context from the latest message that offered it.
 */
final class CitizenMessages {

    private static final Pattern WA_ID = Pattern.compile("^[0-9]{6,20}$");
    private static final Pattern USER_ID = Pattern.compile("^[A-Z]{2}\\.[A-Za-z0-9]{1,120}$");

    /** The message logged, and the gateway's first answer (0 unreachable; null when no webhook URL is set). */
    record Sent(LoggedMessage message, Future<Integer> webhookStatus) {
    }

    private final StandInConfig config;
    private final Conversations conversations;
    private final MediaStore media;
    private final WebhookSender sender;

    CitizenMessages(StandInConfig config, Conversations conversations, MediaStore media, WebhookSender sender) {
        this.config = config;
        this.conversations = conversations;
        this.media = media;
        this.sender = sender;
    }

    /** @throws IllegalArgumentException with a message safe to show, when the request is not a single valid action */
    Sent send(String citizen, CitizenMessage request) {
        boolean userIdOnly = USER_ID.matcher(citizen).matches();
        if (!userIdOnly && !WA_ID.matcher(citizen).matches()) {
            throw new IllegalArgumentException("The citizen must be a wa_id (6 to 20 digits) or a business-scoped user id (e.g. IN.1357924680135792).");
        }
        if (request.parts() != 1) {
            throw new IllegalArgumentException("Give exactly one of text, buttonReply, listReply, templateButton, location, media.");
        }
        String phoneNumberId = request.phoneNumberId() != null ? request.phoneNumberId() : config.defaultPhoneNumberId();
        String userId = userIdOnly ? citizen : request.userId();
        Instant now = Instant.now();
        String wamid = Ids.wamid(citizen);

        ObjectNode message = JsonNodeFactory.instance.objectNode();
        if (!userIdOnly) {
            message.put("from", citizen);
        }
        if (userId != null) {
            message.put("from_user_id", userId);
        }
        message.put("id", wamid);
        message.put("timestamp", Long.toString(now.getEpochSecond()));
        String context = fill(message, citizen, request, phoneNumberId, now);
        if (context != null) {
            ObjectNode ctx = message.putObject("context");
            ctx.put("from", config.displayPhoneNumber());
            ctx.put("id", context);
        }
        LoggedMessage logged = conversations.addInbound(wamid, citizen, phoneNumberId, message.get("type").asText(), message, now);
        if (sender == null) {
            return new Sent(logged, Future.succeededFuture(null));
        }
        ObjectNode root = Webhooks.newRoot();
        ObjectNode value = Webhooks.envelope(root, config.businessAccountId(), config.displayPhoneNumber(), phoneNumberId);
        ObjectNode contact = value.putArray("contacts").addObject();
        ObjectNode profile = contact.putObject("profile");
        profile.put("name", request.name() != null ? request.name() : "Citizen " + citizen.substring(Math.max(0, citizen.length() - 4)));
        if (request.username() != null) {
            profile.put("username", request.username());
        }
        if (!userIdOnly) {
            contact.put("wa_id", citizen);
        }
        if (userId != null) {
            contact.put("user_id", userId);
        }
        value.putArray("messages").add(message);
        return new Sent(logged, sender.post(root));
    }

    /** Writes the type and its object; answers the wamid replied to, if any. */
    private String fill(ObjectNode message, String citizen, CitizenMessage request, String phoneNumberId, Instant now) {
        if (request.text() != null) {
            if (request.text().isEmpty() || ParamCheck.length(request.text()) > 4096) {
                throw new IllegalArgumentException("A text is 1 to 4096 characters.");
            }
            message.put("type", "text");
            message.putObject("text").put("body", request.text());
            return request.context();
        }
        if (request.buttonReply() != null || request.listReply() != null) {
            return reply(message, citizen, request);
        }
        if (request.templateButton() != null) {
            message.put("type", "button");
            ObjectNode button = message.putObject("button");
            button.put("payload", request.templateButton().payload());
            button.put("text", request.templateButton().text());
            return request.context();
        }
        if (request.location() != null) {
            CitizenMessage.Location l = request.location();
            if (l.latitude() == null || l.longitude() == null) {
                throw new IllegalArgumentException("A location needs latitude and longitude.");
            }
            message.put("type", "location");
            ObjectNode location = message.putObject("location");
            location.put("latitude", l.latitude());
            location.put("longitude", l.longitude());
            if (l.name() != null) {
                location.put("name", l.name());
            }
            if (l.address() != null) {
                location.put("address", l.address());
            }
            return request.context();
        }
        attach(message, request.media(), phoneNumberId, now);
        return request.context();
    }

    private String reply(ObjectNode message, String citizen, CitizenMessage request) {
        boolean button = request.buttonReply() != null;
        CitizenMessage.Reply reply = button ? request.buttonReply() : request.listReply();
        String kind = button ? "button_reply" : "list_reply";
        if (reply.id() == null || reply.id().isEmpty()) {
            throw new IllegalArgumentException("A reply needs the id of the button or row.");
        }
        Optional<LoggedMessage> offering = conversations.latestOffering(citizen, reply.id());
        Replies.Offered offered = offering.map(m -> Replies.find(m.body(), reply.id())).orElse(null);
        if (offered != null && !offered.kind().equals(kind)) {
            throw new IllegalArgumentException("'" + reply.id() + "' was offered as a " + offered.kind() + ", not a " + kind + ".");
        }
        String title = reply.title() != null ? reply.title() : offered == null ? null : offered.title();
        if (title == null) {
            throw new IllegalArgumentException("No message to this citizen offered a reply with id '" + reply.id() + "'; give its title.");
        }
        message.put("type", "interactive");
        ObjectNode interactive = message.putObject("interactive");
        interactive.put("type", kind);
        ObjectNode body = interactive.putObject(kind);
        body.put("id", reply.id());
        body.put("title", title);
        String description = reply.description() != null ? reply.description() : offered == null ? null : offered.description();
        if (!button && description != null) {
            body.put("description", description);
        }
        return request.context() != null ? request.context() : offering.map(LoggedMessage::wamid).orElse(null);
    }

    private void attach(ObjectNode message, CitizenMessage.Media m, String phoneNumberId, Instant now) {
        if (m.kind() == null || !(m.kind().equals("image") || m.kind().equals("document")) || m.base64() == null || m.mimeType() == null) {
            throw new IllegalArgumentException("Media needs kind (image or document), mimeType and base64 content.");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(m.base64());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Media content is not base64.");
        }
        MediaStore.Media stored = media.put(phoneNumberId, m.mimeType(), m.filename(), bytes, now);
        message.put("type", m.kind());
        ObjectNode part = message.putObject(m.kind());
        if (m.caption() != null) {
            part.put("caption", m.caption());
        }
        if (m.kind().equals("document")) {
            part.put("filename", m.filename() != null ? m.filename() : "document");
        }
        part.put("mime_type", m.mimeType());
        part.put("sha256", stored.sha256());
        part.put("id", stored.id());
    }
}
