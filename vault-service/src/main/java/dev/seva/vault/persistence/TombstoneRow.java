package dev.seva.vault.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An erased citizen, or a token of theirs, remembered only by SHA-256: a key is never made again for an
 * erased citizen (410), and their old tokens answer 410 rather than 404.
 */
@Entity
@Table(name = "vault_tombstone")
public class TombstoneRow extends PanacheEntityBase {

    public static final String CITIZEN = "citizen";
    public static final String TOKEN = "token";

    /** SHA-256 (hex) of the citizen reference or token. */
    @Id
    public String digest;

    public String kind;

    @Column(name = "erased_at")
    public Instant erasedAt;
}
