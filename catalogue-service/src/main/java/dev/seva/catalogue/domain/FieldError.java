package dev.seva.catalogue.domain;

/**
 * One thing wrong with a service definition.
 *
 * @param field   dotted path of the field, e.g. {@code names.te} or {@code fields[2].options}
 * @param message what is wrong, in English, for the department officer
 */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
