package dev.seva.contracts.catalogue;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The validation patterns of a service's fields ({@link FieldDefinition.Validation#pattern()}): written by
 * department officers through the catalogue's admin API and run against whatever citizens type, so they
 * run on RE2/J, whose matching time is linear in the input whatever the pattern (no catastrophic
 * backtracking: {@code (a+)+$} on a long input answers at once), and are at most {@link #MAX_LENGTH}
 * characters. RE2 has no backreferences or lookaround; a pattern using them is refused when it is written.
 */
public final class FieldPatterns {

    public static final int MAX_LENGTH = 200;
    private static final int CACHE_LIMIT = 2_000;
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private FieldPatterns() {
    }

    /** A pattern that cannot be used, with why (for the officer who wrote it). */
    public static final class InvalidPattern extends IllegalArgumentException {
        public InvalidPattern(String why) {
            super(why);
        }
    }

    /** The compiled pattern; {@link InvalidPattern} when it is too long or not RE2 syntax. */
    public static Pattern compile(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new InvalidPattern("the pattern is empty");
        }
        if (pattern.length() > MAX_LENGTH) {
            throw new InvalidPattern("the pattern is longer than " + MAX_LENGTH + " characters");
        }
        Pattern known = COMPILED.get(pattern);
        if (known != null) {
            return known;
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new InvalidPattern("not a regular expression in RE2 syntax (no backreferences or lookaround): " + e.getDescription());
        }
        if (COMPILED.size() < CACHE_LIMIT) {
            COMPILED.put(pattern, compiled);
        }
        return compiled;
    }

    /** Whether the whole value matches; an unusable pattern matches nothing. */
    public static boolean matches(String pattern, String value) {
        try {
            return compile(pattern).matches(value);
        } catch (InvalidPattern e) {
            return false;
        }
    }
}
