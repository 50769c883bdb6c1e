package dev.seva.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A text in English, Telugu and Hindi; English is always present and is the fallback. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LocalizedText(String en, String te, String hi) {

    public static LocalizedText english(String en) {
        return new LocalizedText(en, null, null);
    }

    /** The text in the language ("en", "te", "hi"), falling back to English. */
    public String in(String language) {
        String text = switch (language == null ? "en" : language) {
            case "te" -> te;
            case "hi" -> hi;
            default -> en;
        };
        return text == null || text.isBlank() ? en : text;
    }
}
