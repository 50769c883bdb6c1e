package dev.seva.document.domain;

import java.util.Optional;

/**
 * Why a department revokes a document, as the officer writes it: 5 to 500 characters once trimmed, no
 * control characters but line breaks and tabs. It is printed on the public verification page, so it
 * is written for the public (what was wrong with the document), never with a citizen's personal data.
 */
public final class RevocationReason {

    public static final int MIN_LENGTH = 5;
    public static final int MAX_LENGTH = 500;

    private RevocationReason() {
    }

    /** The reason as stored: trimmed. */
    public static String normalise(String reason) {
        return reason == null ? null : reason.strip();
    }

    /** What is wrong with this reason, or empty when it may be used. */
    public static Optional<String> problem(String reason) {
        String text = normalise(reason);
        if (text == null || text.isEmpty()) {
            return Optional.of("required: say why the document is revoked (" + MIN_LENGTH + " to " + MAX_LENGTH + " characters)");
        }
        int length = text.codePointCount(0, text.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return Optional.of("must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long (was " + length + ")");
        }
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            return Optional.of("must not contain control characters");
        }
        return Optional.empty();
    }
}
