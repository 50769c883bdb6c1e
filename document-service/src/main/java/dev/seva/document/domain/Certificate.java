package dev.seva.document.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One certificate to print: the template of its type, the department's data and the standard fields
 * every certificate carries (document id, application reference, issuing department and officer,
 * issue date, validity, the verification address its QR code holds, and the verification code printed
 * next to it but never in it: see {@link VerificationCode}).
 */
public record Certificate(
        String documentId,
        String applicationRef,
        CertificateTemplate template,
        Bilingual department,
        Bilingual officer,
        LocalDate issueDate,
        LocalDate validUntil,
        Map<String, Object> data,
        String verificationUrl,
        String verificationCode) {

    public Certificate {
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    /** Data keys plus the standard placeholders, in the given language. */
    public Map<String, Object> placeholders(Bilingual.Language language) {
        Map<String, Object> values = new HashMap<>(data);
        values.put("documentId", documentId);
        values.put("applicationRef", applicationRef);
        values.put("issueDate", issueDate);
        values.put("validUntil", validUntil);
        values.put("department", department.in(language));
        values.put("officerDesignation", officer.in(language));
        return values;
    }

    /** The template's fields by key, for value translations. */
    public Map<String, CertificateTemplate.Field> fieldsByKey() {
        Map<String, CertificateTemplate.Field> byKey = new LinkedHashMap<>();
        template.fields().forEach(f -> byKey.put(f.key(), f));
        return byKey;
    }

    /** The holder's name as the public page shows it (partly masked), or empty when the template names no holder. */
    public String maskedHolder() {
        Object name = template.holder() == null ? null : data.get(template.holder());
        return name == null ? "" : NameMasking.mask(name.toString());
    }

    /** The key fields the verification page shows to whoever gives the printed code, in English, names masked; Aadhaar never (not a shown field). */
    public List<PublicField> publicFields() {
        List<PublicField> shown = new ArrayList<>();
        for (CertificateTemplate.Field field : template.fields()) {
            Object value = data.get(field.key());
            if (value == null || field.verify() == CertificateTemplate.Visibility.HIDDEN) {
                continue;
            }
            String printed = Values.format(value, field, Bilingual.Language.EN);
            shown.add(new PublicField(field.label().en(), field.verify() == CertificateTemplate.Visibility.NAME ? NameMasking.mask(printed) : printed));
        }
        return shown;
    }

    /** A key field shown on the verification page once the printed code is given. */
    public record PublicField(String label, String value) {
    }
}
