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

    Signing signing();

    Vault vault();

    /**
     * DOCUMENT_CATALOGUE_WAIT: how long an approval for a service not (yet) known from catalogue.services.v1
     * waits for it (right after a start the topic may not be read yet) before it is dead-lettered.
     */
    @WithDefault("30s")
    Duration catalogueWait();

    /** The signing key, in a PKCS#11 token (see {@link dev.seva.document.signing.SigningTokens}). */
    interface Signing {
        /** DOCUMENT_PKCS11_LIBRARY: the HSM's PKCS#11 library; unset = the development SoftHSM2 token. */
        Optional<Path> pkcs11Library();

        /** DOCUMENT_PKCS11_SLOT: the HSM slot id; unset = the library's first slot. */
        Optional<Long> pkcs11Slot();

        /** DOCUMENT_HSM_PIN: the token's user PIN (development default only in %dev and %test). */
        Optional<String> hsmPin();

        /** DOCUMENT_HSM_SO_PIN: the security officer PIN, only to initialise the development SoftHSM2 token. */
        Optional<String> hsmSoPin();

        /** DOCUMENT_SIGNING_KEY_ALIAS: the key (with its certificate chain) in the token. */
        @WithDefault("document-signing")
        String keyAlias();
    }

    /**
     * vault-service, which holds each citizen's data key: the certificate data of an approval arrives sealed
     * with it, and the issued PDF is stored sealed with it (see {@link dev.seva.document.client.CitizenKeys}).
     */
    interface Vault {
        /** VAULT_URL: vault-service's address. */
        String url();

        /** VAULT_CLIENT_SECRET: this service's own bearer secret at the vault (client "document", right "keys"); no default outside %dev and %test. */
        String clientSecret();

        /** DOCUMENT_VAULT_TIMEOUT: how long a call to the vault may take before it counts as unavailable. */
        @WithDefault("PT3S")
        Duration timeout();

        /** DOCUMENT_VAULT_KEY_CACHE_TTL: how long a citizen's key stays in memory after it was fetched: short, so an erasure is felt soon. */
        @WithDefault("PT2M")
        Duration keyCacheTtl();

        /** DOCUMENT_VAULT_KEY_CACHE_SIZE: at most this many citizens' keys in memory at once (the least recently used go first). */
        @WithDefault("10000")
        int keyCacheSize();
    }

    /** The accepted fetch secrets, current first. */
    default List<String> fetchSecrets() {
        return fetchSecret().map(s -> Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList()).orElse(List.of());
    }
}
