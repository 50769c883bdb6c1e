package dev.seva.catalogue;

import dev.seva.devstack.DevstackTestResource;

/** The devstack with the catalogue's own database. */
public class CatalogueTestResource extends DevstackTestResource {

    @Override
    public void init(java.util.Map<String, String> initArgs) {
        super.init(java.util.Map.of("database", "catalogue"));
    }
}
