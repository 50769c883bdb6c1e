package dev.seva.simulator.standin;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a citizen does in the chat, as the chat page and tests describe it to
 * {@code POST /simulator/citizens/{wa_id or user id}/messages}. Exactly one of text, buttonReply,
 * listReply, templateButton, location or media is set.
 *
 * @param name           the profile name the webhook shows (default "Citizen 3210")
 * @param username       a WhatsApp username, shown as {@code profile.username}
 * @param userId         the citizen's business-scoped user id, sent alongside the phone number; when the
 *                       path names a user id (e.g. {@code IN.1357924680135792}) the webhook has no phone number at all
 * @param phoneNumberId  the business number written to (default: the first served)
 * @param context        the wamid of the business message this replies to; for replies found by id
 * @param buttonReply    a reply button tapped: the id, and the title unless the stand-in should take it from the message that offered it
 * @param listReply      a list row chosen, likewise
 * @param templateButton a template's quick-reply button tapped (webhook type {@code button})
 * @param media          an image or document the citizen attaches, base64-encoded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CitizenMessage(
        String name,
        String username,
        String userId,
        String phoneNumberId,
        String context,
        String text,
        Reply buttonReply,
        Reply listReply,
        TemplateButton templateButton,
        Location location,
        Media media) {

    public record Reply(String id, String title, String description) {
    }

    public record TemplateButton(String payload, String text) {
    }

    public record Location(Double latitude, Double longitude, String name, String address) {
    }

    /** {@code kind} is {@code image} or {@code document}. */
    public record Media(String kind, String mimeType, String filename, String caption, String base64) {
    }

    public static CitizenMessage text(String text) {
        return new CitizenMessage(null, null, null, null, null, text, null, null, null, null, null);
    }

    public static CitizenMessage buttonReply(String id) {
        return new CitizenMessage(null, null, null, null, null, null, new Reply(id, null, null), null, null, null, null);
    }

    public static CitizenMessage listReply(String id) {
        return new CitizenMessage(null, null, null, null, null, null, null, new Reply(id, null, null), null, null, null);
    }

    int parts() {
        int n = 0;
        for (Object part : new Object[] {text, buttonReply, listReply, templateButton, location, media}) {
            n += part == null ? 0 : 1;
        }
        return n;
    }
}
