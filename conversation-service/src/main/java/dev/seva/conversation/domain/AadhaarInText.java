package dev.seva.conversation.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Aadhaar numbers in free text a citizen writes to an officer, replaced before the text leaves this
 * service: a valid number (12 digits, first 2-9, Verhoeff check digit) is tokenized into the vault, as
 * an Aadhaar field is, and becomes {@code [Aadhaar XXXX XXXX 1234, aad_<token>]}; twelve digits that
 * only look like one (a typo in the check digit) are masked as {@code [Aadhaar XXXX XXXX 1234]}
 * without a vault entry, since a near miss is still most of somebody's number.
 */
public final class AadhaarInText {

    /** 12 digits, optionally grouped 4-4-4 by spaces or hyphens, not part of a longer run of digits. */
    private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9])[2-9][0-9]{3}[ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])");

    /** The text to publish and the vault entries to store with it. */
    public record Tokenized(String text, List<AadhaarTokenizer.VaultEntry> entries) {
    }

    private AadhaarInText() {
    }

    public static Tokenized tokenize(String text, AadhaarTokenizer tokenizer) {
        if (text == null) {
            return new Tokenized(null, List.of());
        }
        Matcher m = CANDIDATE.matcher(text);
        List<AadhaarTokenizer.VaultEntry> entries = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            String replacement;
            if (Verhoeff.isValid(digits)) {
                AadhaarTokenizer.VaultEntry entry = tokenizer.tokenize(digits);
                entries.add(entry);
                replacement = "[Aadhaar " + entry.masked() + ", " + entry.token() + "]";
            } else {
                replacement = "[Aadhaar XXXX XXXX " + digits.substring(8) + "]";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return new Tokenized(out.toString(), List.copyOf(entries));
    }

    /**
     * The text with every Aadhaar-shaped number (valid or not) removed: for what is never stored with the
     * citizen, such as a catalogue search (sent to catalogue-service and cached by its text), where no
     * token is needed and the number must simply not travel.
     */
    public static String redact(String text) {
        return text == null ? null : CANDIDATE.matcher(text).replaceAll(" ").replaceAll("\\s{2,}", " ").strip();
    }
}
