package dev.seva.conversation.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * A citizen's session. {@code @Version}: two messages of one citizen handled at once cannot both
 * update it; the second fails with an optimistic lock error and is processed again on the new state.
 */
@Entity
@Table(name = "session")
public class SessionRow extends PanacheEntityBase {

    @Id
    @Column(name = "citizen_ref")
    public String citizenRef;

    public String state;

    public String data;

    @Version
    public int version;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
