package dev.seva.conversation.domain;

/** The result of checking one answer. */
public sealed interface Validated {

    record Valid(Answer answer, AadhaarTokenizer.VaultEntry vaultEntry) implements Validated {
        public Valid(Answer answer) {
            this(answer, null);
        }
    }

    /** Refused: the message key of the reason and its arguments, for a reply in the citizen's language. */
    record Invalid(String reasonKey, Object... args) implements Validated {
    }
}
