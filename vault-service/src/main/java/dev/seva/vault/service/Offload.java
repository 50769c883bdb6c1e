package dev.seva.vault.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.Supplier;

/**
 * HSM calls off the event loop: a network HSM takes milliseconds per call. The result comes back on the
 * caller's Vert.x context, where its Hibernate Reactive session and transaction are.
 */
@ApplicationScoped
public class Offload {

    @Inject
    Vertx vertx;

    public <T> Uni<T> blocking(Supplier<T> work) {
        return vertx.executeBlocking(Uni.createFrom().item(work), false);
    }
}
