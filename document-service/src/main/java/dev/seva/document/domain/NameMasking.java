package dev.seva.document.domain;

/**
 * A person's name as the public verification page shows it: the first letter of each part, the rest
 * as stars ("Lakshmi Devi" → "L****** D***"), enough for a bank clerk to match the person in front of
 * them, not enough to learn a name from a document id.
 */
public final class NameMasking {

    private NameMasking() {
    }

    public static String mask(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String part : name.strip().split("\\s+")) {
            if (out.length() > 0) {
                out.append(' ');
            }
            int first = part.codePointAt(0);
            out.appendCodePoint(first).append("*".repeat(Math.max(1, part.codePointCount(0, part.length()) - 1)));
        }
        return out.toString();
    }
}
