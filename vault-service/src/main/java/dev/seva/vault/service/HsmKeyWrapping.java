package dev.seva.vault.service;

import dev.seva.privacy.hsm.Pkcs11Token;
import dev.seva.vault.config.VaultConfig;
import dev.seva.vault.domain.KeyWrapping;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * Data keys wrapped and unwrapped by the KEK inside the PKCS#11 token (AES-GCM in the token; the KEK
 * is sensitive and not extractable). At start the token is opened and the current KEK made if missing,
 * so a vault that cannot reach its HSM fails to start instead of failing its first request.
 */
@ApplicationScoped
public class HsmKeyWrapping implements KeyWrapping {

    private static final Logger LOG = Logger.getLogger(HsmKeyWrapping.class);

    @Inject
    Pkcs11Token token;

    @Inject
    VaultConfig config;

    void onStart(@Observes StartupEvent start) {
        ensureKek(config.kekAlias());
        LOG.infof("Current key-encryption key: %s", config.kekAlias());
    }

    /** Whether the token answers and holds the current KEK (readiness). */
    public boolean ready() {
        return token.hasKey(config.kekAlias());
    }

    @Override
    public void ensureKek(String alias) {
        token.aesKey(alias);
    }

    @Override
    public byte[] wrap(String kekAlias, byte[] dataKey, String associatedData) {
        return token.encrypt(kekAlias, dataKey, associatedData.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] unwrap(String kekAlias, byte[] wrapped, String associatedData) {
        return token.decrypt(kekAlias, wrapped, associatedData.getBytes(StandardCharsets.UTF_8));
    }
}
