package dev.seva.catalogue.domain;

/** Checks that a Telugu text is in Telugu script and a Hindi text in Devanagari (not transliterated or left in English). */
public final class Scripts {

    private Scripts() {
    }

    /** Share of letters in the text that belong to the script; 1.0 for a text without letters. */
    public static double shareOfLettersIn(String text, Character.UnicodeScript script) {
        int letters = 0;
        int inScript = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp) || Character.getType(cp) == Character.NON_SPACING_MARK
                    || Character.getType(cp) == Character.COMBINING_SPACING_MARK) {
                letters++;
                if (Character.UnicodeScript.of(cp) == script) {
                    inScript++;
                }
            }
        }
        return letters == 0 ? 1.0 : (double) inScript / letters;
    }

    public static boolean isTelugu(String text) {
        return shareOfLettersIn(text, Character.UnicodeScript.TELUGU) >= 0.8;
    }

    public static boolean isDevanagari(String text) {
        return shareOfLettersIn(text, Character.UnicodeScript.DEVANAGARI) >= 0.8;
    }
}
