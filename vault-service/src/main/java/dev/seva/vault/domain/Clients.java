package dev.seva.vault.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The vault's clients, from configuration {@code name:secret:right,right;name:secret:right;...}. Only the
 * SHA-256 of each secret is kept in memory, and a presented secret is compared with every client's in
 * constant time (no early exit, {@link MessageDigest#isEqual}), so neither timing nor a heap dump gives
 * a secret away.
 */
public final class Clients {

    /** Shorter secrets are refused at start: a bearer secret is the whole of a client's authentication. */
    public static final int MIN_SECRET_LENGTH = 16;
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{0,39}$");

    private record Entry(Client client, byte[] secretDigest) {
    }

    private final List<Entry> entries;

    private Clients(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Parses the configuration; every mistake is named (without echoing a secret). */
    public static Clients parse(String configuration) {
        if (configuration == null || configuration.isBlank()) {
            throw new IllegalArgumentException("No vault clients configured (VAULT_CLIENTS = name:secret:right,right;...)");
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int position = 0;
        for (String item : configuration.split(";")) {
            position++;
            if (item.isBlank()) {
                continue;
            }
            String[] parts = item.trim().split(":", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("Vault client #" + position + " is not name:secret:rights");
            }
            String name = parts[0].trim();
            String secret = parts[1].trim();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Vault client #" + position + " has no valid name (lower case letters, digits, hyphens)");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("Vault client " + name + " is configured twice");
            }
            if (secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("Vault client " + name + "'s secret is shorter than " + MIN_SECRET_LENGTH + " characters");
            }
            Set<Right> rights = EnumSet.noneOf(Right.class);
            for (String right : parts[2].split(",")) {
                if (!right.isBlank()) {
                    rights.add(Right.fromWire(right));
                }
            }
            byte[] digest = sha256(secret);
            for (Entry other : entries) {
                if (MessageDigest.isEqual(other.secretDigest(), digest)) {
                    throw new IllegalArgumentException("Vault clients " + other.client().name() + " and " + name + " share a secret");
                }
            }
            entries.add(new Entry(new Client(name, rights), digest));
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("No vault clients configured (VAULT_CLIENTS = name:secret:right,right;...)");
        }
        return new Clients(entries);
    }

    /** The client whose secret this is, if any. Takes the same time whichever client (or none) it is. */
    public Optional<Client> authenticate(String presentedSecret) {
        if (presentedSecret == null || presentedSecret.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(presentedSecret);
        Client found = null;
        for (Entry entry : entries) {
            // Every entry is compared, even after a match: the time does not tell which client matched.
            if (MessageDigest.isEqual(entry.secretDigest(), digest)) {
                found = entry.client();
            }
        }
        return Optional.ofNullable(found);
    }

    public List<Client> all() {
        return entries.stream().map(Entry::client).toList();
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
