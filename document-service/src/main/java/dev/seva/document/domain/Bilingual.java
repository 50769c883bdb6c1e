package dev.seva.document.domain;

/** A text printed in English and in Telugu. */
public record Bilingual(String en, String te) {

    public Bilingual {
        if (en == null || en.isBlank()) {
            throw new IllegalArgumentException("English text is required");
        }
        te = te == null || te.isBlank() ? en : te;
    }

    public String in(Language language) {
        return language == Language.TE ? te : en;
    }

    /** The two languages a certificate is printed in. */
    public enum Language { EN, TE }
}
