package dev.seva.conversation.domain;

import org.junit.jupiter.api.Test;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Every text in every language exists, is a real translation, and fits the WhatsApp element it is used in. */
class MessagesTest {

    /** WhatsApp limits by key suffix (Cloud API messages reference). */
    static final Map<String, Integer> LIMITS = Map.of(".text", 4096, ".body", 1024, ".button", 20, ".list", 20, ".row", 24,
            ".rowdesc", 72, ".header", 60, ".footer", 60, ".item", 60, ".description", 120);

    @Test
    void teluguAndHindiHaveExactlyTheEnglishKeys() {
        Set<String> english = new TreeSet<>(Messages.keys(Language.EN));
        assertThat(new TreeSet<>(Messages.keys(Language.TE))).isEqualTo(english);
        assertThat(new TreeSet<>(Messages.keys(Language.HI))).isEqualTo(english);
    }

    @Test
    void everyEntryFitsItsWhatsAppLimitInEveryLanguage() {
        for (Language language : Language.values()) {
            for (String key : Messages.keys(language)) {
                String text = new MessageFormat(Messages.pattern(language, key), Locale.ROOT).format(new Object[]{"X", "X", "X", "X", "X"});
                LIMITS.forEach((suffix, limit) -> {
                    if (key.endsWith(suffix)) {
                        assertThat(text.codePointCount(0, text.length())).as("%s %s", language, key).isLessThanOrEqualTo(limit);
                    }
                });
            }
        }
    }

    @Test
    void translationsAreInTheirOwnScript() {
        for (String key : Messages.keys(Language.EN)) {
            if (key.startsWith("language.") && key.endsWith(".button") || key.endsWith(".keyword")) {
                continue;
            }
            assertThat(share(Messages.pattern(Language.TE, key), Character.UnicodeScript.TELUGU)).as("te %s", key).isGreaterThan(0.5);
            assertThat(share(Messages.pattern(Language.HI, key), Character.UnicodeScript.DEVANAGARI)).as("hi %s", key).isGreaterThan(0.5);
        }
    }

    @Test
    void placeholdersAreTheSameInEveryLanguage() {
        for (String key : Messages.keys(Language.EN)) {
            Set<String> english = placeholders(Messages.pattern(Language.EN, key));
            assertThat(placeholders(Messages.pattern(Language.TE, key))).as("te %s", key).isEqualTo(english);
            assertThat(placeholders(Messages.pattern(Language.HI, key))).as("hi %s", key).isEqualTo(english);
        }
    }

    private static Set<String> placeholders(String pattern) {
        Set<String> found = new TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\\d+}").matcher(pattern);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static double share(String text, Character.UnicodeScript script) {
        int letters = 0;
        int in = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                letters++;
                if (Character.UnicodeScript.of(cp) == script) {
                    in++;
                }
            }
        }
        return letters == 0 ? 1 : (double) in / letters;
    }
}
