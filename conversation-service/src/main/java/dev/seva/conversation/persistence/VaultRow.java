package dev.seva.conversation.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An encrypted Aadhaar number under its token. */
@Entity
@Table(name = "aadhaar_vault")
public class VaultRow extends PanacheEntityBase {

    @Id
    public String token;

    @Column(name = "citizen_ref")
    public String citizenRef;

    @Column(name = "key_id")
    public String keyId;

    public byte[] nonce;

    public byte[] ciphertext;

    @Column(name = "created_at")
    public Instant createdAt;
}
