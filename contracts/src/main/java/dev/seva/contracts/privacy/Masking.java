package dev.seva.contracts.privacy;

/**
 * The one place that turns personal data into something safe to log (DPDP Act: no phone number,
 * user id, Aadhaar number or name in logs). Every service logs citizens only through these.
 */
public final class Masking {

    private Masking() {
    }

    /** {@code 919876543210} → {@code 91******3210}: enough to tell two citizens apart in an incident, not to call them. */
    public static String phone(String waId) {
        if (waId == null || waId.isEmpty()) {
            return "-";
        }
        int keep = Math.min(4, waId.length() / 3);
        int head = Math.min(2, Math.max(0, waId.length() - keep - 1));
        return waId.substring(0, head) + "*".repeat(waId.length() - head - keep) + waId.substring(waId.length() - keep);
    }

    /** A business-scoped user id: country prefix and the last 3 characters only. */
    public static String userId(String userId) {
        if (userId == null || userId.isEmpty()) {
            return "-";
        }
        int dot = userId.indexOf('.');
        String prefix = dot > 0 && dot <= 3 ? userId.substring(0, dot + 1) : "";
        String tail = userId.length() > prefix.length() + 3 ? userId.substring(userId.length() - 3) : "";
        return prefix + "***" + tail;
    }

    /** An Aadhaar number in the form UIDAI allows to be shown: {@code XXXX XXXX 1234}. */
    public static String aadhaar(String aadhaar) {
        String digits = aadhaar == null ? "" : aadhaar.replaceAll("[^0-9]", "");
        return digits.length() < 4 ? "XXXX XXXX XXXX" : "XXXX XXXX " + digits.substring(digits.length() - 4);
    }

    /** A person's name: never logged, only whether there was one. */
    public static String name(String name) {
        return name == null || name.isBlank() ? "-" : "<name>";
    }

    /** A free text a citizen wrote: only its length. */
    public static String text(String text) {
        return text == null ? "-" : "<" + text.length() + " chars>";
    }
}
