package dev.seva.vault.config;

import dev.seva.privacy.hsm.Pkcs11Token;
import dev.seva.privacy.hsm.SoftHsm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * The vault's PKCS#11 token, opened once: a production HSM's library when {@code VAULT_PKCS11_LIBRARY}
 * names one, else SoftHSM2 provisioned for the local run and tests (token {@code seva-vault}). If it
 * cannot be opened the service does not start: a vault without its keys can answer nothing.
 */
@ApplicationScoped
public class HsmTokenProducer {

    private static final Logger LOG = Logger.getLogger(HsmTokenProducer.class);

    @Produces
    @Singleton
    Pkcs11Token token(VaultConfig config) {
        String library = config.pkcs11Library().filter(s -> !s.isBlank()).orElse(null);
        try {
            if (library != null) {
                Pkcs11Token token = Pkcs11Token.open(new Pkcs11Token.Settings(Path.of(library), config.pkcs11Slot().orElse(null),
                        config.hsmPin().toCharArray()));
                LOG.infof("PKCS#11 token opened: library %s, slot %s", library, config.pkcs11Slot().map(String::valueOf).orElse("first"));
                return token;
            }
            String soPin = config.hsmSoPin().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                    "VAULT_HSM_SO_PIN is needed to provision the SoftHSM2 token (or set VAULT_PKCS11_LIBRARY for an HSM)"));
            Pkcs11Token token = SoftHsm.token(config.tokenLabel(), config.hsmPin(), soPin);
            LOG.warnf("SoftHSM2 token %s opened (a software token: for the local run and tests; production sets VAULT_PKCS11_LIBRARY)",
                    config.tokenLabel());
            return token;
        } catch (RuntimeException e) {
            // The PIN is never part of the message (Pkcs11Token.Settings hides it).
            throw new IllegalStateException("vault-service cannot start: its PKCS#11 token could not be opened ("
                    + (library == null ? "SoftHSM2 token " + config.tokenLabel() + ", SOFTHSM2_CONF=" + System.getenv("SOFTHSM2_CONF")
                    : "library " + library) + "): " + e.getMessage(), e);
        }
    }
}
