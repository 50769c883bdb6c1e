package dev.seva.catalogue.search;

import dev.seva.contracts.catalogue.ServiceDefinition;

/** A service found for a query, with Lucene's relevance score (higher is better). */
public record SearchHit(ServiceDefinition service, float score) {
}
