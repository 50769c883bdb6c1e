package dev.seva.contracts;

import java.time.Instant;
import java.util.UUID;

/** What every event on every Seva topic has. */
public interface Event {

    /** Unique id; consumers deduplicate on it. */
    UUID eventId();

    /** The kind of event; also sent as the {@code eventType} record header. */
    String eventType();

    Instant occurredAt();
}
