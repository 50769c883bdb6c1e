package dev.seva.document.service;

import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.document.config.DocumentConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the catalogue says each service is: its department, its name (printed on a payment receipt) and
 * the document type an approval of it ends in. Learned from the compacted {@code catalogue.services.v1}, read whole by every instance
 * (its own consumer group, from the earliest offset), as every reader of the catalogue does.
 * A retired service (a tombstone) keeps its last definition: applications made before the retirement
 * still get their certificate, of that service's type and department only.
 */
@ApplicationScoped
public class ServiceCatalogue {

    private static final Logger LOG = Logger.getLogger(ServiceCatalogue.class);

    /** Right after a start the topic may not be read yet: how long to wait for a service not known. */
    @Inject
    DocumentConfig config;

    private final Map<String, ServiceDefinition> services = new ConcurrentHashMap<>();

    /** A definition read from the topic; a newer version never gives way to an older one delivered late. */
    public void learn(ServiceDefinition service) {
        services.merge(service.id(), service, (old, now) -> now.version() >= old.version() ? now : old);
        LOG.debugf("Catalogue: service %s of %s (%d known)", service.id(), service.departmentId(), services.size());
    }

    /** The service's definition, waiting a bounded time for one not (yet) known; empty if it never comes. */
    public Uni<Optional<ServiceDefinition>> definition(String serviceId) {
        return waitedFor(() -> services.get(serviceId));
    }

    /**
     * Whether the catalogue has a service of this department (a payment that names no service), waiting the same
     * bounded time for one; false if none comes.
     */
    public Uni<Boolean> knowsDepartment(String departmentId) {
        return waitedFor(() -> services.values().stream().anyMatch(s -> departmentId.equals(s.departmentId())) ? Boolean.TRUE : null)
                .map(Optional::isPresent);
    }

    /** What {@code lookUp} finds, looked up again (backing off) for up to the configured wait while it finds nothing. */
    private <T> Uni<Optional<T>> waitedFor(Supplier<T> lookUp) {
        T known = lookUp.get();
        if (known != null) {
            return Uni.createFrom().item(Optional.of(known));
        }
        // The retries run on a timer thread: come back to the caller's Vert.x context (Hibernate Reactive needs it).
        Context context = Vertx.currentContext();
        Uni<Optional<T>> waited = Uni.createFrom().item(lookUp)
                .onItem().ifNull().failWith(NotYetKnown::new)
                .onFailure(NotYetKnown.class).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).expireIn(config.catalogueWait().toMillis())
                .map(Optional::of)
                // Once the wait expires Mutiny fails with "Retries exhausted", the last NotYetKnown as its cause.
                .onFailure(ServiceCatalogue::notYetKnown).recoverWithItem(Optional.empty());
        return context == null ? waited : waited.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private static boolean notYetKnown(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NotYetKnown) {
                return true;
            }
        }
        return false;
    }

    private static final class NotYetKnown extends RuntimeException {
        NotYetKnown() {
            super("service not known yet", null, false, false);
        }
    }
}
