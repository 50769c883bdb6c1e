package dev.seva.contracts;

/**
 * One way an event breaks its contract.
 *
 * @param field   JSON Pointer of the offending field, e.g. {@code /from/waId}; for a missing required
 *                field it points at the field that is missing
 * @param keyword the JSON Schema keyword that failed (required, type, enum, pattern, ...)
 * @param message a readable explanation that names the field
 */
public record ContractViolation(String field, String keyword, String message) {

    @Override
    public String toString() {
        return field + ": " + message + " [" + keyword + "]";
    }
}
