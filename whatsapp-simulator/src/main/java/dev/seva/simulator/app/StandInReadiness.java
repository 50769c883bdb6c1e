package dev.seva.simulator.app;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the Graph API stand-in's routes are mounted. */
@Readiness
public class StandInReadiness implements HealthCheck {

    private final SimulatorRoutes routes;

    public StandInReadiness(SimulatorRoutes routes) {
        this.routes = routes;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Graph API stand-in").status(routes.standIn() != null).build();
    }
}
