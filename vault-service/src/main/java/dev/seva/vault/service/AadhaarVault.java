package dev.seva.vault.service;

import dev.seva.privacy.aadhaar.AadhaarInText;
import dev.seva.vault.config.VaultConfig;
import dev.seva.vault.domain.Client;
import dev.seva.vault.domain.DataKeys;
import dev.seva.vault.domain.KeyWrapping;
import dev.seva.vault.domain.Requests;
import dev.seva.vault.domain.Tokens;
import dev.seva.vault.domain.VaultRefusal;
import dev.seva.vault.persistence.AadhaarRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Aadhaar numbers: stored under their own data key (wrapped by the current KEK in the HSM), bound to
 * the citizen they belong to, revealed only with a purpose and an actor, each reveal audited.
 */
@ApplicationScoped
public class AadhaarVault {

    @Inject
    KeyWrapping wrapping;

    @Inject
    Offload offload;

    @Inject
    CitizenLocks citizens;

    @Inject
    AuditLog audit;

    @Inject
    VaultMetrics metrics;

    @Inject
    VaultConfig config;

    final Clock clock = Clock.systemUTC();

    /**
     * Stores the number and answers its token. With a citizen, the citizen's own token for this number if
     * they have one (the same number typed twice is one record), else a new one bound to them.
     */
    public Uni<AadhaarInText.Token> tokenize(String number, String citizenRef) {
        String digits = Requests.aadhaarDigits(number);
        if (citizenRef == null) {
            return Panache.withTransaction(() -> store(digits, null));
        }
        String ref = Requests.citizenRef("citizenRef", citizenRef);
        return Panache.withTransaction(() -> citizens.lock(ref)
                .chain(() -> citizens.isErased(ref))
                .chain(erased -> {
                    if (erased) {
                        return Uni.createFrom().failure(new VaultRefusal.Erased());
                    }
                    return AadhaarRow.<AadhaarRow>list("citizenRef", ref);
                })
                // A citizen has a handful of numbers at most (their own, a child's): comparing in clear here,
                // inside the vault, avoids keeping a hash of the number, which 10^11 guesses would reverse.
                .chain(rows -> offload.blocking(() -> sameNumber(rows, digits)))
                .chain(existing -> existing != null
                        ? Uni.createFrom().item(new AadhaarInText.Token(existing.token, existing.masked))
                        : store(digits, ref)));
    }

    /** Binds a token (the gateway's, made before the citizen was known) to its citizen. Idempotent. */
    public Uni<Void> bind(String token, String citizenRef) {
        String ref = Requests.citizenRef("citizenRef", citizenRef);
        if (!Tokens.isToken(token)) {
            return Uni.createFrom().failure(new VaultRefusal.UnknownToken());
        }
        return Panache.withTransaction(() -> citizens.lock(ref)
                .chain(() -> citizens.isErased(ref))
                .chain(erased -> erased ? Uni.createFrom().<AadhaarRow>failure(new VaultRefusal.Erased()) : AadhaarRow.<AadhaarRow>findById(token))
                .chain(row -> row == null ? absent(token) : Uni.createFrom().item(row))
                .invoke(row -> {
                    if (row.citizenRef == null) {
                        row.citizenRef = ref;
                        row.boundAt = Instant.now(clock);
                    } else if (!row.citizenRef.equals(ref)) {
                        throw new VaultRefusal.BoundToAnother();
                    }
                })
                .replaceWithVoid());
    }

    /** The clear number, audited (who asked, for whom, why) in the same transaction. */
    public Uni<String> reveal(Client client, String token, String purpose, String actor) {
        String why = Requests.reason("purpose", purpose);
        String who = Requests.reason("actor", actor);
        if (!Tokens.isToken(token)) {
            return Uni.createFrom().failure(new VaultRefusal.UnknownToken());
        }
        return Panache.withTransaction(() -> AadhaarRow.<AadhaarRow>findById(token)
                        .chain(row -> row == null ? absent(token) : Uni.createFrom().item(row))
                        .chain(row -> offload.blocking(() -> number(row)))
                        .call(number -> audit.append(client.name(), AuditLog.REVEAL, token, who, why)))
                .invoke(number -> metrics.decryption(client.name(), AuditLog.REVEAL));
    }

    private Uni<AadhaarInText.Token> store(String digits, String citizenRef) {
        String kek = config.kekAlias();
        return offload.blocking(() -> {
            AadhaarRow row = new AadhaarRow();
            row.token = Tokens.newToken();
            row.citizenRef = citizenRef;
            row.masked = Requests.masked(digits);
            row.createdAt = Instant.now(clock);
            row.boundAt = citizenRef == null ? null : row.createdAt;
            row.kekAlias = kek;
            byte[] dek = DataKeys.newKey();
            try {
                row.numberSealed = DataKeys.seal(dek, digits.getBytes(StandardCharsets.US_ASCII), row.token);
                row.dekWrapped = wrapping.wrap(kek, dek, row.token);
            } finally {
                DataKeys.wipe(dek);
            }
            return row;
        }).chain(row -> row.<AadhaarRow>persist()).map(row -> new AadhaarInText.Token(row.token, row.masked));
    }

    private AadhaarRow sameNumber(List<AadhaarRow> rows, String digits) {
        for (AadhaarRow row : rows) {
            if (number(row).equals(digits)) {
                return row;
            }
        }
        return null;
    }

    /** Unwraps the row's data key in the HSM and opens the number with it (blocking: call off the event loop). */
    String number(AadhaarRow row) {
        byte[] dek = wrapping.unwrap(row.kekAlias, row.dekWrapped, row.token);
        try {
            return new String(DataKeys.open(dek, row.numberSealed, row.token), StandardCharsets.US_ASCII);
        } finally {
            DataKeys.wipe(dek);
        }
    }

    /** A token not stored: 410 if it was erased with its citizen, 404 if it never was (or was purged unbound). */
    private <T> Uni<T> absent(String token) {
        return citizens.isErased(token).chain(erased -> Uni.createFrom().failure(erased ? new VaultRefusal.Erased() : new VaultRefusal.UnknownToken()));
    }
}
