package dev.seva.document.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** document-service settings ({@code seva.document.*}); environment variables in application.properties. */
@ConfigMapping(prefix = "seva.document")
public interface DocumentConfig {

    /** DOCUMENT_VERIFY_BASE_URL (or VERIFY_BASE_URL): the public address printed in every QR code, before {@code /verify/<id>}. */
    @WithDefault("http://localhost:8084")
    String verifyBaseUrl();

    /** DOCUMENT_FETCH_SECRET: comma-separated, current first (rotation); without it the internal content endpoint refuses everything. */
    Optional<String> fetchSecret();

    /** SEVA_STATE_DIR: where the development signing key is kept when no keystore is configured. */
    @WithDefault(".seva/data")
    Path stateDir();

    Signing signing();

    /**
     * DOCUMENT_CATALOGUE_WAIT: how long an approval for a service not (yet) known from catalogue.services.v1
     * waits for it (right after a start the topic may not be read yet) before it is dead-lettered.
     */
    @WithDefault("30s")
    Duration catalogueWait();

    interface Signing {
        /** DOCUMENT_SIGNING_KEYSTORE: the PKCS#12 file with the signing key and its certificate chain. */
        Optional<Path> keystore();

        /** DOCUMENT_SIGNING_KEYSTORE_PASSWORD. */
        Optional<String> keystorePassword();
    }

    /** The accepted fetch secrets, current first. */
    default List<String> fetchSecrets() {
        return fetchSecret().map(s -> Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList()).orElse(List.of());
    }
}
