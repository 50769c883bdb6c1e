package dev.seva.vault.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One Aadhaar number: sealed with its own data key (the token as associated data), the data key wrapped
 * by the KEK {@link #kekAlias} in the HSM. Never the clear number, never a clear key.
 */
@Entity
@Table(name = "vault_aadhaar")
public class AadhaarRow extends PanacheEntityBase implements WrappedKey {

    @Id
    public String token;

    /** The citizen it is bound to; null for a token the gateway made that nobody bound yet (purged after a day). */
    @Column(name = "citizen_ref")
    public String citizenRef;

    /** {@code XXXX XXXX 1234}: what callers may show. */
    public String masked;

    @Column(name = "number_sealed")
    public byte[] numberSealed;

    @Column(name = "dek_wrapped")
    public byte[] dekWrapped;

    @Column(name = "kek_alias")
    public String kekAlias;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "bound_at")
    public Instant boundAt;

    @Override
    public String wrappingId() {
        return token;
    }

    @Override
    public String wrappedWith() {
        return kekAlias;
    }

    @Override
    public byte[] wrappedKey() {
        return dekWrapped;
    }

    @Override
    public void rewrapped(String kekAlias, byte[] wrapped) {
        this.kekAlias = kekAlias;
        this.dekWrapped = wrapped;
    }
}
