package dev.seva.desk.web;

import io.quarkus.qute.TemplateData;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The desk's words in English and Telugu ({@code messages/desk_{en,te}.properties}; a test checks both
 * have every key). Templates write {@code t.get('key')} or {@code t.format('key', value)}; Qute escapes
 * what they print.
 */
@TemplateData
public final class Texts {

    public static final java.util.List<String> LANGUAGES = java.util.List.of("en", "te");
    private static final Map<String, Properties> BUNDLES = new ConcurrentHashMap<>();

    private final String language;
    private final Properties bundle;

    private Texts(String language) {
        this.language = language;
        this.bundle = BUNDLES.computeIfAbsent(language, Texts::load);
    }

    public static Texts of(String language) {
        return new Texts(LANGUAGES.contains(language) ? language : "en");
    }

    public String language() {
        return language;
    }

    /** The other language, for the switch link. */
    public String other() {
        return "te".equals(language) ? "en" : "te";
    }

    public String get(String key) {
        String value = bundle.getProperty(key);
        return value == null ? key : value;
    }

    public String format(String key, Object arg) {
        return new MessageFormat(get(key).replace("'", "''"), Locale.ROOT).format(new Object[]{arg});
    }

    public String format2(String key, Object a, Object b) {
        return new MessageFormat(get(key).replace("'", "''"), Locale.ROOT).format(new Object[]{a, b});
    }

    public String languageName(String code) {
        return switch (code == null ? "en" : code) {
            case "te" -> "te".equals(language) ? "తెలుగు" : "Telugu";
            case "hi" -> "te".equals(language) ? "హిందీ" : "Hindi";
            default -> "te".equals(language) ? "ఇంగ్లీష్" : "English";
        };
    }

    public static Properties load(String language) {
        Properties p = new Properties();
        try (InputStream in = Texts.class.getClassLoader().getResourceAsStream("messages/desk_" + language + ".properties")) {
            if (in == null) {
                throw new IllegalStateException("messages/desk_" + language + ".properties is missing");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }
}
