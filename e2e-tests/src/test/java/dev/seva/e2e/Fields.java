package dev.seva.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.regex.Pattern;

/** A citizen who answers any field of any service correctly, as the catalogue defines it. */
final class Fields {

    static final String AADHAAR = aadhaar("49912345678");
    private static final List<String> REFERENCES = List.of("AP16AB1234", "1234567890", "123456789012", "12345678", "123456", "ABC1234567",
            "A1234567", "2026000123", "1234", "ABCDE1234F");

    private Fields() {
    }

    static void answer(Citizen citizen, JsonNode field) {
        switch (field.path("type").asText()) {
            case "choice" -> citizen.chooses("opt:" + field.path("options").get(0).path("id").asText());
            case "address", "location" -> citizen.sharesLocation();
            case "media" -> citizen.attachesPdf();
            default -> citizen.says(sampleAnswer(field));
        }
    }

    /** A valid typed answer to a field that is answered by typing. */
    static String sampleAnswer(JsonNode field) {
        JsonNode rules = field.path("validation");
        switch (field.path("type").asText()) {
            case "name":
                return "Lakshmi Devi";
            case "aadhaar":
                return AADHAAR;
            case "mobile":
                return "9876543210";
            case "pincode":
                return "520010";
            case "email":
                return "lakshmi@example.com";
            case "date":
                return rules.path("futureOnly").asBoolean() ? java.time.LocalDate.now().plusDays(30)
                        .format(java.time.format.DateTimeFormatter.ofPattern("dd-MM-yyyy")) : "15-08-1990";
            case "number":
                return Long.toString((long) Math.max(rules.path("min").asDouble(0), Math.min(84000, rules.path("max").asDouble(84000))));
            default:
                return text(rules);
        }
    }

    private static String text(JsonNode rules) {
        if (rules.has("pattern")) {
            Pattern pattern = Pattern.compile(rules.path("pattern").asText());
            return REFERENCES.stream().filter(r -> pattern.matcher(r).matches()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No sample answer for " + rules));
        }
        return "Street light not working near the school gate";
    }

    /** A 12-digit number with a valid Verhoeff check digit (as UIDAI issues them). */
    static String aadhaar(String first11) {
        int[][] d = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6}, {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
                {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1}, {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
                {8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
        int[][] p = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2}, {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
                {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1}, {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};
        int[] inv = {0, 4, 3, 2, 1, 5, 6, 7, 8, 9};
        int c = 0;
        for (int i = 0; i < first11.length(); i++) {
            c = d[c][p[(i + 1) % 8][first11.charAt(first11.length() - 1 - i) - '0']];
        }
        return first11 + inv[c];
    }
}
