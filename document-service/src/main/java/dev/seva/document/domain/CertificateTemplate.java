package dev.seva.document.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one type of certificate says, kept as data ({@code templates/<type>.yaml}): its title, its body
 * paragraphs in English and Telugu with {@code {placeholders}}, the table of key fields, which data
 * the department must send, and which fields the public verification page may show. A generic
 * template ({@code listAllData}) prints every data key the department sent as a row.
 */
public record CertificateTemplate(
        String type,
        Bilingual title,
        List<String> bodyEn,
        List<String> bodyTe,
        List<Field> fields,
        List<String> required,
        String holder,
        boolean listAllData) {

    public CertificateTemplate {
        bodyEn = List.copyOf(bodyEn);
        bodyTe = List.copyOf(bodyTe);
        fields = List.copyOf(fields);
        required = List.copyOf(required);
    }

    /** How a field appears on the public verification page. */
    public enum Visibility {
        /** Not shown (the default: only what a verifier needs is shown). */
        HIDDEN,
        /** Shown as printed. */
        SHOWN,
        /** A person's name: shown partly masked ({@link NameMasking}). */
        NAME
    }

    /** A row of the key-fields table; {@code values} translates coded values (choices) into both languages. */
    public record Field(String key, Bilingual label, Map<String, Bilingual> values, Visibility verify) {

        public Field {
            values = values == null ? Map.of() : Map.copyOf(values);
            verify = verify == null ? Visibility.HIDDEN : verify;
        }
    }

    /** The required data keys that {@code data} lacks (or has blank). */
    public List<String> missing(Map<String, Object> data) {
        List<String> missing = new ArrayList<>();
        for (String key : required) {
            Object value = data.get(key);
            if (value == null || value.toString().isBlank()) {
                missing.add(key);
            }
        }
        return missing;
    }

    public List<String> body(Bilingual.Language language) {
        return language == Bilingual.Language.TE ? bodyTe : bodyEn;
    }
}
