package dev.seva.catalogue.domain;

import dev.seva.contracts.LocalizedText;

/** A department that offers services: its id (also in its topic names) and its names in three languages. */
public record Department(String id, LocalizedText names, LocalizedText descriptions) {
}
