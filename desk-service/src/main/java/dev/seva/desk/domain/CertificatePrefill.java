package dev.seva.desk.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data an approval's certificate prints, prefilled from the citizen's answers: every key the
 * certificate template prints or requires, from the answer of the same name; the holder's name from
 * the service's first name field when the template calls it differently (a student's bus pass prints
 * {@code studentName} as {@code applicantName}); the office's district and mandal. The officer may
 * override any value; an approval lacking a required value is refused before it reaches
 * document-service (which would otherwise dead-letter it).
 */
public final class CertificatePrefill {

    /** What document-service's template of a document type asks for. */
    public record Template(String type, List<String> required, Map<String, String> labels) {
    }

    private CertificatePrefill() {
    }

    /**
     * @param answers    the citizen's answers as printable text (Aadhaar masked), by field id
     * @param nameFields ids of the service's name fields, in the service's order
     * @param office     district and mandal of the office (printed when the template has them)
     */
    public static Map<String, String> prefill(Template template, Map<String, String> answers, List<String> nameFields,
                                              Map<String, String> office) {
        Map<String, String> data = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(template.required());
        template.labels().keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        for (String key : keys) {
            String value = answers.get(key);
            if (value == null && isHolderKey(key)) {
                value = nameFields.stream().map(answers::get).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
            }
            if (value == null) {
                value = office.get(key);
            }
            data.put(key, value == null ? "" : value);
        }
        // Answers the template does not name still travel (a generic certificate lists them all).
        answers.forEach(data::putIfAbsent);
        return data;
    }

    /** The data with the officer's overrides applied, blank values dropped; refused when a required value is missing. */
    public static Map<String, String> finalData(Template template, Map<String, String> prefilled, Map<String, String> overrides) {
        Map<String, String> data = new LinkedHashMap<>(prefilled);
        if (overrides != null) {
            overrides.forEach((k, v) -> data.put(k, v == null ? "" : v.strip()));
        }
        data.values().removeIf(v -> v == null || v.isBlank());
        List<String> missing = template.required().stream().filter(k -> !data.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            String names = String.join(", ", missing.stream().map(k -> template.labels().getOrDefault(k, k)).toList());
            throw new ActionRefused(ActionRefused.Kind.INVALID, "certificate-data-missing", "fields." + missing.get(0),
                    "The certificate needs: " + names + ". Fill them in to approve.",
                    "ధృవీకరణ పత్రానికి ఇవి అవసరం: " + names + ". ఆమోదించడానికి వాటిని నింపండి.");
        }
        return data;
    }

    private static boolean isHolderKey(String key) {
        return key.equals("applicantName") || key.equals("ownerName") || key.equals("holderName");
    }
}
