package dev.seva.catalogue.domain;

import java.util.List;

/** Why a catalogue change was refused; the API turns each into its status and problem body. */
public abstract sealed class CatalogueException extends RuntimeException {

    protected CatalogueException(String message) {
        super(message, null, false, false);
    }

    /** The definition breaks its contract or the catalogue's rules (400). */
    public static final class InvalidDefinition extends CatalogueException {
        private final List<FieldError> errors;

        public InvalidDefinition(List<FieldError> errors) {
            super("The service definition is not valid: " + errors);
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** No such service (404). */
    public static final class NotFound extends CatalogueException {
        public NotFound(String id) {
            super("No service " + id);
        }
    }

    /** No such department (400: the definition names it). */
    public static final class UnknownDepartment extends CatalogueException {
        public UnknownDepartment(String id) {
            super("No department " + id);
        }
    }

    /** A service with this id exists or existed (409: ids are never reused, so a tombstone stays final). */
    public static final class AlreadyExists extends CatalogueException {
        public AlreadyExists(String id) {
            super("A service " + id + " exists or existed; ids are never reused");
        }
    }

    /** Someone changed the service since the caller read it (409). */
    public static final class VersionConflict extends CatalogueException {
        private final int current;

        public VersionConflict(String id, int expected, int current) {
            super("Service " + id + " is at version " + current + ", not " + expected + ": read it again and reapply the change");
            this.current = current;
        }

        public int current() {
            return current;
        }
    }

    /** The caller may not manage this department's services (403). */
    public static final class NotPermitted extends CatalogueException {
        public NotPermitted(String departmentId) {
            super("Only " + Actor.ADMIN + " or " + Actor.officerRole(departmentId) + " may change services of " + departmentId);
        }
    }

    /** The service is retired; it can be read but not changed (409). */
    public static final class Retired extends CatalogueException {
        public Retired(String id) {
            super("Service " + id + " is retired");
        }
    }
}
