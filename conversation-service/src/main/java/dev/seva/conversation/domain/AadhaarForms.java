package dev.seva.conversation.domain;

import dev.seva.privacy.aadhaar.AadhaarInText;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forms in which an Aadhaar number reaches this service: the gateway replaces every valid number in a
 * citizen's text with its vault token, {@code [Aadhaar XXXX XXXX 1234, aad_<token>]}, and masks twelve
 * digits that fail the check digit as {@code [Aadhaar XXXX XXXX 1234]} ({@link AadhaarInText#replace}).
 * Finding numbers in clear stays {@link AadhaarInText}'s (the one detector); this class reads the forms it
 * writes, so that a token kept with the citizen is bound to them and a search carries none of it.
 */
public final class AadhaarForms {

    /** A tokenized number: masked form and vault token (vault-service makes {@code aad_} + 32 letters or digits). */
    private static final Pattern TOKEN_FORM = Pattern.compile("\\[Aadhaar (XXXX XXXX [0-9]{4}), (aad_[A-Za-z0-9]{8,64})\\]");
    /** A number masked without a token (it failed the check digit, or was never tokenized). */
    private static final Pattern MASKED_FORM = Pattern.compile("\\[Aadhaar XXXX XXXX [0-9]{4}\\]");

    /** One token form: the vault token and the masked number beside it. */
    public record Found(String token, String masked) {
    }

    private AadhaarForms() {
    }

    public static boolean containsTokenForm(String text) {
        return text != null && text.contains("[Aadhaar ") && TOKEN_FORM.matcher(text).find();
    }

    /** The distinct tokens of the token forms in the text, in order of appearance. */
    public static List<Found> tokenForms(String text) {
        List<Found> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        Matcher m = TOKEN_FORM.matcher(text);
        while (m.find()) {
            Found f = new Found(m.group(2), m.group(1));
            if (found.stream().noneMatch(x -> x.token().equals(f.token()))) {
                found.add(f);
            }
        }
        return found;
    }

    /** The text is exactly one token form (an Aadhaar field's answer after the gateway). */
    public static java.util.Optional<Found> single(String text) {
        Matcher m = TOKEN_FORM.matcher(text == null ? "" : text.trim());
        return m.matches() ? java.util.Optional.of(new Found(m.group(2), m.group(1))) : java.util.Optional.empty();
    }

    /** The text is exactly one masked form: twelve digits the gateway found failing the check digit. */
    public static boolean isMaskedOnly(String text) {
        return text != null && MASKED_FORM.matcher(text.trim()).matches();
    }

    /** Token forms whose token is not in {@code kept} become masked forms: a token the vault would not bind is not kept. */
    public static String keepOnly(String text, Set<String> kept) {
        if (!containsTokenForm(text)) {
            return text;
        }
        Matcher m = TOKEN_FORM.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(kept.contains(m.group(2)) ? m.group() : "[Aadhaar " + m.group(1) + "]"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Whether keeping this text needs the vault: a valid number in clear to tokenize, or a token to bind. */
    public static boolean needsVault(String text) {
        return text != null && (containsTokenForm(text) || AadhaarInText.containsCandidate(text) && !AadhaarInText.validNumbers(text).isEmpty());
    }

    /** Every Aadhaar-shaped number masked (no vault): for text that holds no valid number or token. */
    public static String masked(String text) {
        return AadhaarInText.containsCandidate(text) ? AadhaarInText.replace(text, java.util.Map.of()) : text;
    }

    /**
     * The text without any Aadhaar number in any form (clear, tokenized or masked): for a catalogue search,
     * which is sent to catalogue-service and cached by its text, and never kept with the citizen.
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String withoutForms = text.contains("[Aadhaar ") ? MASKED_FORM.matcher(TOKEN_FORM.matcher(text).replaceAll(" ")).replaceAll(" ") : text;
        return AadhaarInText.redact(withoutForms).replaceAll("\\s{2,}", " ").strip();
    }
}
