package dev.seva.vault.domain;

import dev.seva.privacy.aadhaar.AadhaarInText;
import dev.seva.privacy.aadhaar.Verhoeff;

import java.util.regex.Pattern;

/** What the vault accepts: Aadhaar numbers, citizen references, tokens, and the reasons given for a reveal. */
public final class Requests {

    /** The contracts' citizenRef (common.schema.json): pseudonymous, never a phone or Aadhaar number. */
    private static final Pattern CITIZEN_REF = Pattern.compile("^cit_[A-Za-z0-9]{16,64}$");
    /** 12 digits, first 2-9 (UIDAI issues none starting 0 or 1), grouped 4-4-4 by spaces or hyphens or not at all. */
    private static final Pattern AADHAAR = Pattern.compile("^[2-9][0-9]{3}([ -]?)[0-9]{4}\\1[0-9]{4}$");
    private static final int MAX_REASON = 200;

    private Requests() {
    }

    /** The digits of a valid Aadhaar number; {@link VaultRefusal.Invalid} otherwise (the value is never echoed). */
    public static String aadhaarDigits(String number) {
        if (number == null || number.isBlank()) {
            throw VaultRefusal.Invalid.of("number", "is required");
        }
        String trimmed = number.trim();
        if (!AADHAAR.matcher(trimmed).matches()) {
            throw VaultRefusal.Invalid.of("number", "is not 12 digits starting with 2-9");
        }
        String digits = trimmed.replace(" ", "").replace("-", "");
        if (!Verhoeff.isValid(digits)) {
            throw VaultRefusal.Invalid.of("number", "fails the Verhoeff check digit");
        }
        return digits;
    }

    public static String masked(String digits) {
        return AadhaarInText.masked(digits);
    }

    /** A citizen reference as the contracts define it; {@link VaultRefusal.Invalid} otherwise. */
    public static String citizenRef(String field, String ref) {
        if (ref == null || ref.isBlank()) {
            throw VaultRefusal.Invalid.of(field, "is required");
        }
        if (!CITIZEN_REF.matcher(ref).matches()) {
            throw VaultRefusal.Invalid.of(field, "is not a citizen reference (cit_ and 16-64 letters or digits)");
        }
        return ref;
    }

    /** The purpose or actor of a reveal: required, one line, at most 200 characters (they go to the audit). */
    public static String reason(String field, String value) {
        if (value == null || value.isBlank()) {
            throw VaultRefusal.Invalid.of(field, "is required: every reveal is audited with its purpose and actor");
        }
        String trimmed = value.trim();
        if (trimmed.length() > MAX_REASON || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw VaultRefusal.Invalid.of(field, "must be one line of at most " + MAX_REASON + " characters");
        }
        return trimmed;
    }
}
