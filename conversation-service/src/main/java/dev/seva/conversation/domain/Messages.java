package dev.seva.conversation.domain;

import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * Everything Seva says, from the bundles {@code messages/journey_<lang>.properties} (UTF-8). A key
 * missing in Telugu or Hindi falls back to English; a test makes sure none is missing.
 */
public final class Messages {

    static final String BUNDLE = "messages.journey";
    private static final Map<Language, ResourceBundle> BUNDLES = new EnumMap<>(Language.class);

    static {
        for (Language language : Language.values()) {
            try {
                BUNDLES.put(language, ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(language.code()),
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
            } catch (MissingResourceException e) {
                // A language without its bundle speaks English (MessagesTest fails the build if one is missing).
                BUNDLES.put(language, BUNDLES.get(Language.EN));
            }
        }
    }

    private Messages() {
    }

    public static String text(Language language, String key, Object... args) {
        String pattern;
        try {
            pattern = BUNDLES.get(language).getString(key);
        } catch (MissingResourceException e) {
            pattern = BUNDLES.get(Language.EN).getString(key);
        }
        return args.length == 0 && !pattern.contains("''") ? pattern : new MessageFormat(pattern, Locale.ROOT).format(args);
    }

    public static Set<String> keys(Language language) {
        return BUNDLES.get(language).keySet();
    }

    /** The raw pattern (for limit checks). */
    public static String pattern(Language language, String key) {
        return BUNDLES.get(language).getString(key);
    }
}
