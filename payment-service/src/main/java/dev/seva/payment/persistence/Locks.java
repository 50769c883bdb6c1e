package dev.seva.payment.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The application's lock: every change to an application's orders (a capture, a withdrawal, an expiry) takes it first,
 * inside its transaction ({@code pg_advisory_xact_lock}), so the rule "one paid order per application" is decided by
 * one transaction at a time, on any replica. Released at commit or rollback.
 */
@ApplicationScoped
public class Locks {

    public Uni<Void> application(String applicationRef) {
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(?1)")
                        .setParameter(1, key("application:" + applicationRef))
                        .getSingleResult())
                .replaceWithVoid();
    }

    static long key(String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
