package dev.seva.document.domain;

/** What the public verification page says about a document id. */
public enum VerificationStatus {
    /** Issued by Seva, not revoked, and the stored PDF matches its fingerprint. */
    VALID,
    /** Issued by Seva, then revoked by the department. */
    REVOKED,
    /** The stored PDF no longer matches the SHA-256 recorded at issue: the record was altered. */
    TAMPERED,
    /** No document has this id (or the id is not a document id at all). */
    UNKNOWN
}
