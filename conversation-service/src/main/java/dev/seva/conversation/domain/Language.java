package dev.seva.conversation.domain;

import java.util.Locale;
import java.util.Optional;

/** The languages Seva speaks. */
public enum Language {
    EN, TE, HI;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Language of(String code) {
        return parse(code).orElse(EN);
    }

    public static Optional<Language> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (Language l : values()) {
            if (l.code().equalsIgnoreCase(code.trim())) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** The language a first message is probably in, from its script: Telugu, Devanagari, else English. */
    public static Language guessFrom(String text) {
        if (text != null) {
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                Character.UnicodeScript script = Character.UnicodeScript.of(cp);
                if (script == Character.UnicodeScript.TELUGU) {
                    return TE;
                }
                if (script == Character.UnicodeScript.DEVANAGARI) {
                    return HI;
                }
            }
        }
        return EN;
    }
}
