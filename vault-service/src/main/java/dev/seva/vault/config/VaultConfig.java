package dev.seva.vault.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "seva.vault")
public interface VaultConfig {

    /** The clients: {@code name:secret:right,right;...} (VAULT_CLIENTS). Only their secrets' SHA-256 is kept. */
    String clients();

    /** The current key-encryption key's alias in the token: new keys are wrapped with it, the re-encryption job moves old ones to it. */
    @WithDefault("kek-1")
    String kekAlias();

    /** A production HSM's PKCS#11 library; none: SoftHSM2 provisioned for the local run and tests. */
    Optional<String> pkcs11Library();

    /** The HSM's slot id (with {@link #pkcs11Library()}); none: the first slot. */
    Optional<Long> pkcs11Slot();

    /** The token's user PIN (VAULT_HSM_PIN). */
    String hsmPin();

    /** The SoftHSM2 token's security officer PIN, to initialise it on first use (VAULT_HSM_SO_PIN); unused with a real HSM. */
    Optional<String> hsmSoPin();

    /** The SoftHSM2 token's label. */
    @WithDefault("seva-vault")
    String tokenLabel();

    /** How long a token nobody bound to a citizen (the gateway's, for a message never processed) is kept. */
    @WithDefault("24h")
    Duration unboundRetention();

    /** How often unbound tokens past their retention are purged ({@code off} disables the job). */
    @WithDefault("15m")
    String purgeEvery();

    /** How often the re-encryption job moves keys to the current KEK ({@code off} disables the job). */
    @WithDefault("1h")
    String rewrapEvery();

    /** How many wrapped keys the re-encryption job moves to the current KEK per transaction. */
    @WithDefault("200")
    int rewrapBatchSize();
}
