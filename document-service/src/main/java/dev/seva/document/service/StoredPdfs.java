package dev.seva.document.service;

import dev.seva.document.client.CitizenKeys;
import dev.seva.document.persistence.DocumentRow;
import dev.seva.privacy.vault.CitizenKey;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The PDF in the {@code document} table (column {@code pdf}) is the citizen's personal data: it is stored
 * sealed with the citizen's key from vault-service ({@link CitizenKey#sealBytes}), so that once the vault
 * destroys the key (the citizen's erasure) no copy of it, in the table or in any backup, can be read, even
 * before this service's own erasure clears the column. Everything that reads the PDF reads it here: the
 * internal download and the verification page's integrity check. Rows stored before sealing began hold
 * the clear PDF ({@link CitizenKey#isSealed(byte[])} false) and are read as they are, without the vault.
 */
@ApplicationScoped
public class StoredPdfs {

    private static final Logger LOG = Logger.getLogger(StoredPdfs.class);

    @Inject
    CitizenKeys keys;

    /** What the stored PDF of a document is now. */
    public enum State {
        /** The clear PDF, matching its recorded SHA-256. */
        INTACT,
        /** Erased: the column was cleared, or the vault destroyed the key it was sealed with. */
        ERASED,
        /** It no longer opens with its citizen's key, or its clear bytes do not match the recorded SHA-256: never served. */
        TAMPERED
    }

    /**
     * The state, the clear PDF when {@link State#INTACT}, and the citizen's key it was opened with (null for
     * a PDF stored in clear), which also opens the row's sealed key fields.
     */
    public record Stored(State state, byte[] pdf, CitizenKey key) {
        Stored(State state, byte[] pdf) {
            this(state, pdf, null);
        }
    }

    /** The PDF sealed for storage with the citizen's key. */
    public static byte[] seal(CitizenKey key, byte[] pdf) {
        return key.sealBytes(pdf);
    }

    /**
     * The row's PDF, opened and checked against its SHA-256. Fails with privacy's {@code VaultUnavailable}
     * or {@code VaultRefused} when a sealed PDF needs the key and the vault does not give it (the caller
     * answers "try again later"); completes on the caller's Vert.x context.
     */
    public Uni<Stored> read(DocumentRow row) {
        if (row.pdf == null) {
            return Uni.createFrom().item(new Stored(State.ERASED, null));
        }
        if (!CitizenKey.isSealed(row.pdf)) {
            return Uni.createFrom().item(checked(row, row.pdf));
        }
        return keys.of(row.citizenRef).map(key -> {
            if (key.isEmpty()) {
                return new Stored(State.ERASED, null);
            }
            byte[] clear;
            try {
                clear = key.get().openBytes(row.pdf);
            } catch (IllegalArgumentException | IllegalStateException e) {
                // Another key's header, or the GCM tag fails: the stored bytes were changed (or moved from another citizen's row).
                LOG.errorf("Document %s does not open with its citizen's key", row.id);
                return new Stored(State.TAMPERED, null);
            }
            Stored checked = checked(row, clear);
            return new Stored(checked.state(), checked.pdf(), key.get());
        });
    }

    private static Stored checked(DocumentRow row, byte[] clear) {
        if (!CertificateFactory.sha256(clear).equals(row.sha256)) {
            LOG.errorf("Document %s does not match its recorded SHA-256", row.id);
            return new Stored(State.TAMPERED, null);
        }
        return new Stored(State.INTACT, clear);
    }
}
