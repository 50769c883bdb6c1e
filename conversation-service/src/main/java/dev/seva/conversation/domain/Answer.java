package dev.seva.conversation.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A validated answer to one field, in its canonical form (dates ISO, mobiles 10 digits, choices by
 * option id). An Aadhaar number is never here in clear: only its vault token and masked form.
 * {@code display} is what the summary shows the citizen.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Answer(String value, Double number, Place place, MediaRef media, AadhaarRef aadhaar, String display) {

    public record Place(double latitude, double longitude, String address) {
    }

    public record MediaRef(String mediaId, String mimeType, String filename) {
    }

    public record AadhaarRef(String token, String masked) {
    }

    public static Answer text(String value, String display) {
        return new Answer(value, null, null, null, null, display);
    }

    public static Answer number(double value) {
        String shown = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        return new Answer(null, value, null, null, null, shown);
    }

    public static Answer skipped() {
        return new Answer(null, null, null, null, null, null);
    }

    public boolean isSkipped() {
        return value == null && number == null && place == null && media == null && aadhaar == null;
    }
}
