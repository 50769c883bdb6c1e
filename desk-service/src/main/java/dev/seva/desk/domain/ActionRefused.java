package dev.seva.desk.domain;

/**
 * An officer's action that cannot be done, with what to tell the officer, in English and Telugu.
 * {@link Kind#CONFLICT}: the application is no longer where the officer saw it (another officer acted,
 * the citizen withdrew or erased their data); {@link Kind#INVALID}: the action itself is wrong.
 */
public class ActionRefused extends RuntimeException {

    public enum Kind { CONFLICT, INVALID, GONE }

    private final Kind kind;
    private final String code;
    private final String field;
    private final String te;

    public ActionRefused(Kind kind, String code, String field, String en, String te) {
        super(en, null, false, false);
        this.kind = kind;
        this.code = code;
        this.field = field;
        this.te = te;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** The input field at fault, for INVALID; null otherwise. */
    public String field() {
        return field;
    }

    public String message(String language) {
        return "te".equals(language) ? te : getMessage();
    }
}
