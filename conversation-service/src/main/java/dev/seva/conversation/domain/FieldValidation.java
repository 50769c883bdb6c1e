package dev.seva.conversation.domain;

import dev.seva.contracts.catalogue.FieldDefinition;
import dev.seva.contracts.catalogue.FieldPatterns;
import dev.seva.contracts.catalogue.FieldDefinition.FieldType;
import dev.seva.privacy.aadhaar.AadhaarInText;
import dev.seva.privacy.aadhaar.Verhoeff;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks an answer against its field's type and rules, and puts it in canonical form. Every refusal
 * names its reason (a message key), so the citizen is told what to fix in their language.
 *
 * <p>Aadhaar numbers: the gateway turns a valid number into its token form before Kafka, so an Aadhaar
 * field normally gets {@code [Aadhaar XXXX XXXX 1234, aad_<token>]} (kept once the vault bound the token
 * to the citizen); a number in clear is still accepted (tokenized for the citizen) and an invalid one is
 * refused with its reason. Free text (text and address fields) keeps token forms, bound to the citizen;
 * numbers, references and e-mail addresses refuse an Aadhaar number rather than keep one.
 */
public final class FieldValidation {

    private static final Pattern NAME = Pattern.compile("^[\\p{L}\\p{M}][\\p{L}\\p{M} .']{1,99}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MM-uuuu").withResolverStyle(ResolverStyle.STRICT);

    private FieldValidation() {
    }

    /** {@code facts} holds what the vault made of a text ({@link Need.Protect}) once a {@link Validated.NeedsVault} asked for it. */
    public static Validated check(FieldDefinition field, CitizenInput input, Language language, LocalDate today, Facts facts) {
        FieldType type = field.type();
        FieldDefinition.Validation rules = field.validation();
        switch (type) {
            case LOCATION -> {
                return input instanceof CitizenInput.SharedLocation l ? place(l) : new Validated.Invalid("field.invalid.location");
            }
            case ADDRESS -> {
                if (input instanceof CitizenInput.SharedLocation l) {
                    return place(l);
                }
                String typed = text(input);
                if (typed != null && AadhaarForms.needsVault(typed) && facts.protectedText(typed) == null) {
                    return new Validated.NeedsVault(typed);
                }
                String text = kept(typed, facts);
                return text != null && text.length() >= 10 && text.length() <= 500
                        ? new Validated.Valid(Answer.text(text, text)) : new Validated.Invalid("field.invalid.address");
            }
            case MEDIA -> {
                if (input instanceof CitizenInput.Media m && acceptsMedia(rules, m)) {
                    return new Validated.Valid(new Answer(null, null, null, new Answer.MediaRef(m.mediaId(), m.mimeType(), m.filename()),
                            null, Messages.text(language, "summary.media")));
                }
                return new Validated.Invalid("field.invalid.media");
            }
            case CHOICE -> {
                return choice(field, input, language);
            }
            default -> {
                // every other type is answered with text
            }
        }
        String text = text(input);
        if (text == null) {
            return new Validated.Invalid("field.invalid.needs.text");
        }
        boolean aadhaarShaped = AadhaarInText.containsCandidate(text) || AadhaarForms.containsTokenForm(text);
        if (aadhaarShaped && (type == FieldType.NUMBER || type == FieldType.REFERENCE || type == FieldType.EMAIL)) {
            // Kept with the citizen and sent to the department as it is: an Aadhaar number has no place here.
            return new Validated.Invalid("field.invalid.aadhaar.elsewhere");
        }
        if (type == FieldType.TEXT && AadhaarForms.needsVault(text)) {
            Facts.Protected kept = facts.protectedText(text);
            if (kept == null) {
                return new Validated.NeedsVault(text);
            }
            return free(kept.text(), rules, false);
        }
        return switch (type) {
            case AADHAAR -> aadhaar(text, facts);
            case MOBILE -> mobile(text);
            case PINCODE -> {
                String digits = text.replaceAll("\\s", "");
                yield digits.matches("^[1-9][0-9]{5}$") ? new Validated.Valid(Answer.text(digits, digits)) : new Validated.Invalid("field.invalid.pincode");
            }
            case DATE -> date(text, rules, today);
            case NAME -> {
                String name = text.replaceAll("\\s+", " ");
                yield NAME.matcher(name).matches() ? new Validated.Valid(Answer.text(name, name)) : new Validated.Invalid("field.invalid.name");
            }
            case NUMBER -> number(text, rules);
            case EMAIL -> EMAIL.matcher(text).matches() && text.length() <= 254
                    ? new Validated.Valid(Answer.text(text.toLowerCase(Locale.ROOT), text)) : new Validated.Invalid("field.invalid.email");
            case REFERENCE, TEXT -> free(AadhaarForms.masked(text), rules, type == FieldType.REFERENCE);
            default -> new Validated.Invalid("field.invalid.needs.text");
        };
    }

    private static Validated aadhaar(String text, Facts facts) {
        Optional<AadhaarForms.Found> token = AadhaarForms.single(text);
        if (token.isPresent()) {
            return vaulted(text, facts);
        }
        if (AadhaarForms.isMaskedOnly(text)) {
            // The gateway masks twelve digits that fail the check digit.
            return new Validated.Invalid("field.invalid.aadhaar.checksum");
        }
        String digits = text.replaceAll("[\\s-]", "");
        if (!digits.matches("^[0-9]{12}$")) {
            return new Validated.Invalid("field.invalid.aadhaar.length");
        }
        if (digits.charAt(0) == '0' || digits.charAt(0) == '1') {
            return new Validated.Invalid("field.invalid.aadhaar.start");
        }
        if (!Verhoeff.isValid(digits)) {
            return new Validated.Invalid("field.invalid.aadhaar.checksum");
        }
        // In clear (the gateway did not tokenize it): tokenized for the citizen before it is kept.
        return vaulted(digits, facts);
    }

    /** The answer once the vault tokenized (or bound) it; a token the vault would not bind must be typed again. */
    private static Validated vaulted(String text, Facts facts) {
        Facts.Protected kept = facts.protectedText(text);
        if (kept == null) {
            return new Validated.NeedsVault(text);
        }
        if (kept.tokens().size() != 1) {
            return new Validated.Invalid("field.invalid.aadhaar.again");
        }
        Answer.AadhaarRef ref = kept.tokens().get(0);
        return new Validated.Valid(new Answer(null, null, null, null, ref, ref.masked()));
    }

    /** Free text as it may be kept: after the vault when it needed it, else with any Aadhaar-shaped number masked. */
    private static String kept(String text, Facts facts) {
        if (text == null) {
            return null;
        }
        Facts.Protected kept = facts.protectedText(text);
        return kept != null ? kept.text() : AadhaarForms.masked(text);
    }

    private static Validated mobile(String text) {
        String digits = text.replaceAll("[\\s-]", "");
        if (digits.startsWith("+91")) {
            digits = digits.substring(3);
        } else if (digits.length() == 12 && digits.startsWith("91")) {
            digits = digits.substring(2);
        } else if (digits.length() == 11 && digits.startsWith("0")) {
            digits = digits.substring(1);
        }
        return digits.matches("^[6-9][0-9]{9}$") ? new Validated.Valid(Answer.text(digits, digits)) : new Validated.Invalid("field.invalid.mobile");
    }

    private static Validated date(String text, FieldDefinition.Validation rules, LocalDate today) {
        String normalized = text.trim().replace('/', '-').replace('.', '-');
        LocalDate date;
        try {
            date = LocalDate.parse(normalized, DATE);
        } catch (DateTimeParseException e) {
            return new Validated.Invalid("field.invalid.date.format");
        }
        if (rules != null && Boolean.TRUE.equals(rules.pastOnly()) && !date.isBefore(today)) {
            return new Validated.Invalid("field.invalid.date.past");
        }
        if (rules != null && Boolean.TRUE.equals(rules.futureOnly()) && !date.isAfter(today)) {
            return new Validated.Invalid("field.invalid.date.future");
        }
        return new Validated.Valid(Answer.text(date.toString(), DATE.format(date)));
    }

    private static Validated number(String text, FieldDefinition.Validation rules) {
        double value;
        try {
            value = Double.parseDouble(text.replace(",", "").replace("₹", "").trim());
        } catch (NumberFormatException e) {
            return new Validated.Invalid("field.invalid.number");
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return new Validated.Invalid("field.invalid.number");
        }
        if (rules != null && ((rules.min() != null && value < rules.min()) || (rules.max() != null && value > rules.max()))) {
            return new Validated.Invalid("field.invalid.number.range", format(rules.min()), format(rules.max()));
        }
        return new Validated.Valid(Answer.number(value));
    }

    private static Validated free(String text, FieldDefinition.Validation rules, boolean reference) {
        String value = reference ? text.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", "") : text.trim();
        int min = rules != null && rules.minLength() != null ? rules.minLength() : 1;
        int max = rules != null && rules.maxLength() != null ? rules.maxLength() : (reference ? 64 : 1000);
        if (value.length() < min || value.length() > max) {
            return new Validated.Invalid("field.invalid.text.length", min, max);
        }
        if (rules != null && rules.pattern() != null) {
            // Officers write these patterns: RE2/J runs them in time linear in what the citizen typed.
            String candidate = FieldPatterns.matches(rules.pattern(), value) ? value : text.trim();
            if (!FieldPatterns.matches(rules.pattern(), candidate)) {
                return new Validated.Invalid("field.invalid.pattern");
            }
            value = candidate;
        }
        return new Validated.Valid(Answer.text(value, value));
    }

    private static Validated choice(FieldDefinition field, CitizenInput input, Language language) {
        List<FieldDefinition.Option> options = field.options() == null ? List.of() : field.options();
        if (input instanceof CitizenInput.Choice c) {
            for (FieldDefinition.Option option : options) {
                if (c.id().equals(Journey.OPTION_PREFIX + option.id())) {
                    return new Validated.Valid(Answer.text(option.id(), option.labels().in(language.code())));
                }
            }
            return new Validated.Invalid("field.invalid.choice");
        }
        String text = text(input);
        if (text != null) {
            String typed = text.trim();
            for (int i = 0; i < options.size(); i++) {
                FieldDefinition.Option option = options.get(i);
                boolean byNumber = typed.equals(Integer.toString(i + 1));
                boolean byLabel = option.labels().en().equalsIgnoreCase(typed) || typed.equalsIgnoreCase(option.labels().in(language.code()));
                if (byNumber || byLabel) {
                    return new Validated.Valid(Answer.text(option.id(), option.labels().in(language.code())));
                }
            }
        }
        return new Validated.Invalid("field.invalid.choice");
    }

    private static Validated place(CitizenInput.SharedLocation l) {
        String address = l.address() != null ? l.address() : l.name();
        String shown = address != null ? address : String.format(Locale.ROOT, "%.5f, %.5f", l.latitude(), l.longitude());
        return new Validated.Valid(new Answer(null, null, new Answer.Place(l.latitude(), l.longitude(), address), null, null, shown));
    }

    private static boolean acceptsMedia(FieldDefinition.Validation rules, CitizenInput.Media media) {
        List<String> kinds = rules == null || rules.mediaTypes() == null ? List.of("image", "document") : rules.mediaTypes();
        if (!kinds.contains(media.kind())) {
            return false;
        }
        // A document must be a PDF; images come as JPEG or PNG.
        return !"document".equals(media.kind()) || media.mimeType() == null || media.mimeType().equals("application/pdf");
    }

    private static String text(CitizenInput input) {
        if (input instanceof CitizenInput.Text t && t.body() != null && !t.body().isBlank()) {
            return t.body().trim();
        }
        return null;
    }

    private static String format(Double d) {
        if (d == null) {
            return "…";
        }
        return d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString();
    }
}
