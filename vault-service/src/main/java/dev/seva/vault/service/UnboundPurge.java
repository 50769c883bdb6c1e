package dev.seva.vault.service;

import dev.seva.vault.config.VaultConfig;
import dev.seva.vault.persistence.AadhaarRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Tokens nobody bound: the gateway tokenizes every number in a citizen's text before it knows the
 * citizen; conversation-service binds the ones it keeps. The rest (a message never processed, a number
 * in a text that was not an answer) are deleted after {@code seva.vault.unbound-retention} (a day).
 */
@ApplicationScoped
public class UnboundPurge {

    private static final Logger LOG = Logger.getLogger(UnboundPurge.class);

    @Inject
    VaultConfig config;

    final Clock clock = Clock.systemUTC();

    @Scheduled(every = "${seva.vault.purge-every:15m}", delayed = "${seva.vault.purge-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purgeUnbound(Instant.now(clock).minus(config.unboundRetention()))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("Purged %d unbound Aadhaar tokens older than %s", n, config.unboundRetention());
                    }
                })
                .onFailure().invoke(e -> LOG.errorf("Purge of unbound tokens failed (the next run tries again): %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Deletes the unbound tokens made before {@code cutoff}; answers how many. */
    public Uni<Long> purgeUnbound(Instant cutoff) {
        return Panache.withTransaction(() -> AadhaarRow.delete("citizenRef is null and createdAt < ?1", cutoff));
    }
}
