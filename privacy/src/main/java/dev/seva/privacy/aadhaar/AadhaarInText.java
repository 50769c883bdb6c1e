package dev.seva.privacy.aadhaar;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Aadhaar numbers in free text: the one detector every free-text path uses (the gateway before
 * Kafka, answers to department questions, field answers of other types, searches). A valid number
 * (12 digits, first 2-9, Verhoeff check digit) is replaced by its vault token and masked form,
 * {@code [Aadhaar XXXX XXXX 1234, aad_<token>]}; twelve digits that only look like one (a typo in the
 * check digit) are masked as {@code [Aadhaar XXXX XXXX 1234]} without a vault entry, since a near miss
 * is still most of somebody's number.
 */
public final class AadhaarInText {

    /** 12 digits, optionally grouped 4-4-4 by spaces or hyphens, not part of a longer run of digits. */
    private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9])[2-9][0-9]{3}[ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])");

    /** A number's replacement: its vault token and masked form. */
    public record Token(String token, String masked) {
    }

    private AadhaarInText() {
    }

    /** Whether the text holds anything shaped like an Aadhaar number (valid or not): the cheap first test. */
    public static boolean containsCandidate(String text) {
        return text != null && text.length() >= 12 && CANDIDATE.matcher(text).find();
    }

    /** The distinct valid numbers in the text (digits only, in order of appearance): what to tokenize. */
    public static List<String> validNumbers(String text) {
        if (text == null) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        Matcher m = CANDIDATE.matcher(text);
        while (m.find()) {
            String digits = digits(m.group());
            if (Verhoeff.isValid(digits)) {
                found.add(digits);
            }
        }
        return new ArrayList<>(found);
    }

    /**
     * The text with each valid number replaced by its token (from {@code tokens}, keyed by digits) and
     * every other Aadhaar-shaped number masked. A valid number without a token is masked too: the
     * clear number never survives this call.
     */
    public static String replace(String text, Map<String, Token> tokens) {
        if (text == null) {
            return null;
        }
        Matcher m = CANDIDATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String digits = digits(m.group());
            Token token = Verhoeff.isValid(digits) ? tokens.get(digits) : null;
            String replacement = token == null
                    ? "[Aadhaar " + masked(digits) + "]"
                    : "[Aadhaar " + token.masked() + ", " + token.token() + "]";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The text with every Aadhaar-shaped number (valid or not) removed: for what is never stored with the
     * citizen, such as a catalogue search (sent to catalogue-service and cached by its text), where no
     * token is needed and the number must simply not travel.
     */
    public static String redact(String text) {
        return text == null ? null : CANDIDATE.matcher(text).replaceAll(" ").replaceAll("\\s{2,}", " ").strip();
    }

    /** {@code XXXX XXXX 1234}. */
    public static String masked(String digits) {
        return "XXXX XXXX " + digits.substring(digits.length() - 4);
    }

    private static String digits(String candidate) {
        return candidate.replace(" ", "").replace("-", "");
    }
}
