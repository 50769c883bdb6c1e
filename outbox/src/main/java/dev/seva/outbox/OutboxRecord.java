package dev.seva.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A row of the outbox: one event waiting to be relayed to Kafka. */
@Entity
@Table(name = "outbox")
public class OutboxRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "record_key")
    public String recordKey;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    /** The JSON value; null for a tombstone on a compacted topic. */
    public String payload;

    /** Extra record headers as a JSON object, or null. */
    public String headers;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
