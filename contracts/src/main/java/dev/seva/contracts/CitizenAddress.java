package dev.seva.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a citizen is reached on WhatsApp: the phone number ({@code wa_id}) and/or Meta's
 * business-scoped user id. At least one is present.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CitizenAddress(String waId, String userId) {

    public CitizenAddress {
        if (isBlank(waId) && isBlank(userId)) {
            throw new IllegalArgumentException("A citizen address needs a waId or a userId");
        }
    }

    public static CitizenAddress ofWaId(String waId) {
        return new CitizenAddress(waId, null);
    }

    /** The Kafka record key for this citizen: the phone number when known, else the user id. */
    @JsonIgnore
    public String key() {
        return isBlank(waId) ? userId : waId;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
