package dev.seva.contracts.catalogue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.seva.contracts.LocalizedText;

import java.util.List;
import java.util.Locale;

/** A question a service asks the citizen, with its validation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldDefinition(
        String id,
        FieldType type,
        boolean required,
        LocalizedText prompts,
        Validation validation,
        List<Option> options) {

    public enum FieldType {
        TEXT, NAME, AADHAAR, MOBILE, PINCODE, DATE, NUMBER, CHOICE, ADDRESS, LOCATION, MEDIA, EMAIL, REFERENCE;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static FieldType fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Validation(String pattern, Integer minLength, Integer maxLength, Double min, Double max,
                             Boolean pastOnly, Boolean futureOnly, List<String> mediaTypes) {
    }

    public record Option(String id, LocalizedText labels) {
    }
}
