package dev.seva.vault.domain;

import java.util.List;

/** Why the vault refuses a request: each kind is one answer of the HTTP API (see api.VaultProblems). */
public abstract class VaultRefusal extends RuntimeException {

    protected VaultRefusal(String message) {
        super(message, null, false, false);
    }

    /** One field of a request that is wrong; the message never repeats the value (it may be a number). */
    public record FieldError(String field, String message) {
    }

    /** 400: the request is not one the vault can act on. */
    public static final class Invalid extends VaultRefusal {
        private final List<FieldError> errors;

        public Invalid(List<FieldError> errors) {
            super("The request is not valid: " + errors);
            this.errors = List.copyOf(errors);
        }

        public static Invalid of(String field, String message) {
            return new Invalid(List.of(new FieldError(field, message)));
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** 404: no such token (never made, or an unbound token already purged). */
    public static final class UnknownToken extends VaultRefusal {
        public UnknownToken() {
            super("No such Aadhaar token");
        }
    }

    /** 409: the token is bound to another citizen. */
    public static final class BoundToAnother extends VaultRefusal {
        public BoundToAnother() {
            super("The token is bound to another citizen");
        }
    }

    /** 410: the citizen (or the citizen the token was bound to) has been erased; nothing is made again for them. */
    public static final class Erased extends VaultRefusal {
        public Erased() {
            super("The citizen has been erased");
        }
    }
}
