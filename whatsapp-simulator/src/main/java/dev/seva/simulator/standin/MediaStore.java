package dev.seva.simulator.standin;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Media uploaded by the business (POST /media) or sent by citizens, bounded in bytes (oldest dropped first). Thread-safe. */
public final class MediaStore {

    /** One stored file. */
    public record Media(String id, String phoneNumberId, String mimeType, String filename, byte[] bytes, String sha256,
                        Instant uploadedAt) {
        public int fileSize() {
            return bytes.length;
        }
    }

    private final long capacityBytes;
    private final Map<String, Media> media = new LinkedHashMap<>();
    private long storedBytes;

    MediaStore(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    synchronized Media put(String phoneNumberId, String mimeType, String filename, byte[] bytes, Instant at) {
        Media stored = new Media(Ids.mediaId(), phoneNumberId, mimeType, filename, bytes, sha256(bytes), at);
        media.put(stored.id(), stored);
        storedBytes += bytes.length;
        for (Iterator<Media> it = media.values().iterator(); storedBytes > capacityBytes && it.hasNext(); ) {
            Media oldest = it.next();
            if (oldest != stored) {
                storedBytes -= oldest.bytes().length;
                it.remove();
            }
        }
        return stored;
    }

    public synchronized Optional<Media> get(String id) {
        return Optional.ofNullable(media.get(id));
    }

    synchronized boolean delete(String id) {
        Media removed = media.remove(id);
        if (removed != null) {
            storedBytes -= removed.bytes().length;
        }
        return removed != null;
    }

    /** How many files are stored. */
    public synchronized int size() {
        return media.size();
    }

    synchronized void clear() {
        media.clear();
        storedBytes = 0;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
