package dev.seva.contracts.catalogue;

import dev.seva.contracts.Event;

import java.time.Instant;
import java.util.UUID;

/**
 * The current definition of a catalogue service, on the compacted {@code catalogue.services.v1}
 * (key: service id; a retired service is a tombstone).
 */
public record CatalogueServicePublished(UUID eventId, String eventType, Instant occurredAt, ServiceDefinition service)
        implements Event {

    public static final String EVENT_TYPE = "catalogue.service.published";
}
