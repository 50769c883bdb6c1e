package dev.seva.vault.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The vault's metrics, named for the alerts (deploy's PrometheusRules): {@code seva_vault_decryptions_total{client,action}}
 * (every number revealed and citizen key served), {@code seva_vault_refusals_total{client}} (401 and 403:
 * a caller without a valid secret, or asking what it may not), {@code seva_vault_kek_pending_rows} (keys
 * not yet re-wrapped with the current KEK). Made at start, so the gauge is there before the first job.
 */
@Startup
@ApplicationScoped
public class VaultMetrics {

    private final MeterRegistry registry;
    private final AtomicLong pending = new AtomicLong();

    @Inject
    public VaultMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("seva.vault.kek.pending.rows", pending);
    }

    public void decryption(String client, String action) {
        Counter.builder("seva.vault.decryptions").description("Aadhaar numbers revealed and citizen keys served, by client")
                .tag("client", client).tag("action", action).register(registry).increment();
    }

    public void refusal(String client) {
        Counter.builder("seva.vault.refusals").description("Requests refused for authentication (401) or rights (403)")
                .tag("client", client).register(registry).increment();
    }

    public void pendingRewrap(long rows) {
        pending.set(rows);
    }
}
