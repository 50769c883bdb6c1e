package dev.seva.catalogue.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.seva.catalogue.service.CatalogueView;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.catalogue.CatalogueServicePublished;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps this instance's view (browse and search) current with changes any instance made: every
 * instance reads the compacted {@code catalogue.services.v1} from the start in its own consumer group.
 * Applying is idempotent (a definition only replaces an older version); a tombstone retires.
 */
@ApplicationScoped
public class CatalogueUpdatesConsumer {

    private static final Logger LOG = Logger.getLogger(CatalogueUpdatesConsumer.class);

    @Inject
    CatalogueView view;

    @Incoming("catalogue-updates")
    public void apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            view.retire(record.key());
            return;
        }
        try {
            CatalogueServicePublished event = EventJson.mapper().readValue(record.value(), CatalogueServicePublished.class);
            view.apply(event.service());
        } catch (JsonProcessingException e) {
            // The producer validates every event against the contract; this is not expected, and the
            // database remains the truth for the next start.
            LOG.errorf("Unreadable record on catalogue.services.v1 for key %s at offset %d: %s", record.key(), record.offset(), e.getOriginalMessage());
        }
    }
}
