package dev.seva.conversation.domain;

/** The result of checking one answer. */
public sealed interface Validated {

    record Valid(Answer answer) implements Validated {
    }

    /** Refused: the message key of the reason and its arguments, for a reply in the citizen's language. */
    record Invalid(String reasonKey, Object... args) implements Validated {
    }

    /**
     * Not decided yet: the answer holds an Aadhaar number (in clear, or as a token to bind to the citizen),
     * and the vault must protect {@code text} first ({@link Need.Protect}); checked again with the result.
     */
    record NeedsVault(String text) implements Validated {
    }
}
