package dev.seva.document.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How data values and placeholders are printed: amounts with Indian digit grouping (12,34,567),
 * ISO dates as dd-MM-yyyy, yes/no in the page's language, coded values through the template's
 * translations. A placeholder with no value prints as a dash.
 */
public final class Values {

    public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final String MISSING = "—";

    private Values() {
    }

    /** Replaces each {@code {key}} by its formatted value. */
    public static String fill(String text, Map<String, Object> values, Map<String, CertificateTemplate.Field> fields, Bilingual.Language language) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 32);
        while (m.find()) {
            String key = m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement(format(values.get(key), fields.get(key), language)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** One value as printed. */
    public static String format(Object value, CertificateTemplate.Field field, Bilingual.Language language) {
        if (value == null || value.toString().isBlank()) {
            return MISSING;
        }
        if (value instanceof Bilingual) {
            return ((Bilingual) value).in(language);
        }
        if (field != null && field.values().containsKey(value.toString())) {
            return field.values().get(value.toString()).in(language);
        }
        if (value instanceof Boolean) {
            boolean yes = (Boolean) value;
            return language == Bilingual.Language.TE ? (yes ? "అవును" : "కాదు") : (yes ? "Yes" : "No");
        }
        if (value instanceof Number) {
            return indianGrouping(new BigDecimal(value.toString()));
        }
        if (value instanceof LocalDate) {
            return DATE.format((LocalDate) value);
        }
        String text = value.toString().strip();
        if (ISO_DATE.matcher(text).matches()) {
            try {
                return DATE.format(LocalDate.parse(text));
            } catch (DateTimeParseException e) {
                return text;
            }
        }
        return text;
    }

    /** 1234567.5 → "12,34,567.5": the last three digits, then groups of two. */
    static String indianGrouping(BigDecimal number) {
        String plain = number.stripTrailingZeros().toPlainString();
        boolean negative = plain.startsWith("-");
        if (negative) {
            plain = plain.substring(1);
        }
        int dot = plain.indexOf('.');
        String whole = dot < 0 ? plain : plain.substring(0, dot);
        String fraction = dot < 0 ? "" : plain.substring(dot);
        StringBuilder grouped = new StringBuilder();
        int len = whole.length();
        for (int i = 0; i < len; i++) {
            int fromEnd = len - i;
            grouped.append(whole.charAt(i));
            if (fromEnd > 1 && (fromEnd == 4 || (fromEnd > 4 && (fromEnd - 4) % 2 == 0))) {
                grouped.append(',');
            }
        }
        return (negative ? "-" : "") + grouped + fraction;
    }
}
