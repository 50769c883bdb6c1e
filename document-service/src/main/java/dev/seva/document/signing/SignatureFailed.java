package dev.seva.document.signing;

/**
 * The signature of a document could not be made: the PKCS#11 token refused or could not be reached
 * (session lost, HSM down or restarting, key missing). Counted in
 * {@code seva_document_signature_failures_total}; the approval waits for the token rather than being
 * dead-lettered, as it would for a database outage.
 */
public final class SignatureFailed extends RuntimeException {

    public SignatureFailed(Throwable cause) {
        super("The document could not be signed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }
}
