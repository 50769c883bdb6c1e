package dev.seva.vault.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A citizen's data key (crypto-shredding), wrapped by the KEK {@link #kekAlias}, the citizen reference as associated data. */
@Entity
@Table(name = "vault_citizen_key")
public class CitizenKeyRow extends PanacheEntityBase implements WrappedKey {

    @Id
    @Column(name = "citizen_ref")
    public String citizenRef;

    @Column(name = "key_id")
    public String keyId;

    @Column(name = "key_wrapped")
    public byte[] keyWrapped;

    @Column(name = "kek_alias")
    public String kekAlias;

    @Column(name = "created_at")
    public Instant createdAt;

    @Override
    public String wrappingId() {
        return citizenRef;
    }

    @Override
    public String wrappedWith() {
        return kekAlias;
    }

    @Override
    public byte[] wrappedKey() {
        return keyWrapped;
    }

    @Override
    public void rewrapped(String kekAlias, byte[] wrapped) {
        this.kekAlias = kekAlias;
        this.keyWrapped = wrapped;
    }
}
