package dev.seva.consumer;

/**
 * Marks an exception as the failure of something a record stands on but does not cause (vault-service
 * not answering, the signing token lost, the caller's own credentials refused): every record would fail
 * alike, so the pipeline waits for it as for the database, holding the partition, and never dead-letters
 * the record. An interface rather than a class so that a module's own exception hierarchy can carry it
 * (privacy's {@code VaultClient.VaultUnavailable}, document-service's {@code SignatureFailed}).
 */
public interface WaitFor {
}
