package dev.seva.document.signing;

import dev.seva.consumer.WaitFor;

/**
 * The signature of a document could not be made: the PKCS#11 token refused or could not be reached
 * (session lost, HSM down or restarting, key missing). Counted in
 * {@code seva_document_signature_failures_total}; the approval waits for the token rather than being
 * dead-lettered, as it would for a database outage ({@link WaitFor}: every approval would fail alike).
 */
public final class SignatureFailed extends RuntimeException implements WaitFor {

    public SignatureFailed(Throwable cause) {
        super("The document could not be signed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }
}
