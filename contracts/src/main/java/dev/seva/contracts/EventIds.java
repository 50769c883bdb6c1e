package dev.seva.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Event ids. A producer that re-publishes the same fact (a webhook Meta delivers twice) must give it
 * the same eventId, so consumers can deduplicate: those ids are name-based (RFC 4122 version 5, SHA-1).
 */
public final class EventIds {

    /** Namespace of every Seva name-based id (a fixed random UUID). */
    private static final UUID SEVA_NAMESPACE = UUID.fromString("6f0a0cf4-0b8d-4f54-9d1f-5b2f0d6f8a11");

    private EventIds() {
    }

    public static UUID random() {
        return UUID.randomUUID();
    }

    /** The same parts always give the same id; parts are joined with a separator that cannot occur in them ambiguously. */
    public static UUID nameBased(String... parts) {
        StringBuilder name = new StringBuilder();
        for (String part : parts) {
            name.append(part.length()).append(':').append(part).append('|');
        }
        return version5(SEVA_NAMESPACE, name.toString());
    }

    static UUID version5(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java runtime", e);
        }
        sha1.update(toBytes(namespace));
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (hash[i] & 0xff);
        }
        for (int i = 8; i < 16; i++) {
            lsb = (lsb << 8) | (hash[i] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] out = new byte[16];
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (msb >>> (8 * (7 - i)));
            out[8 + i] = (byte) (lsb >>> (8 * (7 - i)));
        }
        return out;
    }
}
