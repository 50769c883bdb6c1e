package dev.seva.department.revenue;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

/**
 * The sample approves every complete application: where citizens are, that would sign a certificate for
 * anyone who asks on WhatsApp. It runs only where it was explicitly allowed: the dev and test profiles,
 * and the local run ({@code ./seva up} sets {@code SEVA_SAMPLE_DEPARTMENT_ALLOWED=true} for this process
 * only). Anywhere else the start fails (the process exits non-zero) before any record is read.
 */
@ApplicationScoped
public class SampleOnly {

    private static final Logger LOG = Logger.getLogger(SampleOnly.class);

    static final String REFUSED = "department-revenue is the SAMPLE department and approves every complete application: "
            + "it runs only in the local run and tests. Refusing to start (set SEVA_SAMPLE_DEPARTMENT_ALLOWED=true "
            + "only on a development machine).";

    @Inject
    DepartmentConfig config;

    // Before the messaging connectors start (they observe the same event later), so nothing is consumed.
    void refuseUnlessAllowed(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        requireAllowed(config.sampleAllowed());
    }

    static void requireAllowed(boolean allowed) {
        if (!allowed) {
            LOG.error(REFUSED);
            throw new IllegalStateException(REFUSED);
        }
    }
}
