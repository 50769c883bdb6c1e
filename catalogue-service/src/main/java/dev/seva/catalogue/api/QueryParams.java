package dev.seva.catalogue.api;

import dev.seva.web.Problem;
import jakarta.ws.rs.WebApplicationException;

import java.util.Set;

/** Checks of query parameters, refused with a problem that says which one and why. */
final class QueryParams {

    static final Set<String> LANGUAGES = Set.of("en", "te", "hi");

    private QueryParams() {
    }

    static String language(String lang) {
        String value = lang == null || lang.isBlank() ? "en" : lang.trim();
        if (!LANGUAGES.contains(value)) {
            throw invalid("lang", "must be one of en, te, hi");
        }
        return value;
    }

    /** A whole number within bounds; text that is not a number is a 400 that names the parameter (not JAX-RS's 404). */
    static int between(String name, String value, int fallback, int min, int max) {
        int v;
        try {
            v = value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, "must be a whole number");
        }
        if (v < min || v > max) {
            throw invalid(name, "must be between " + min + " and " + max);
        }
        return v;
    }

    static WebApplicationException invalid(String field, String message) {
        return new WebApplicationException(Problem.response(400, "invalid-parameter", "Invalid parameter",
                "Query parameter '" + field + "' " + message + ".", java.util.List.of(new Problem.FieldProblem(field, message))));
    }
}
