package dev.seva.gateway.client;

import dev.seva.gateway.config.GatewayConfig;
import dev.seva.privacy.aadhaar.AadhaarInText;
import dev.seva.privacy.vault.VaultClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Tokens for the Aadhaar numbers of one webhook, from vault-service. The gateway does not know the
 * citizen yet, so the tokens are unbound ({@code citizenRef} null): conversation-service binds the ones
 * it keeps and the vault purges the others after a day (a redelivered webhook makes a second token for
 * the same number; it is never bound and goes the same way).
 */
@ApplicationScoped
public class AadhaarTokens {

    private static final Logger LOG = Logger.getLogger(AadhaarTokens.class);

    private final VaultClient vault;

    public AadhaarTokens(GatewayConfig config) {
        this.vault = new VaultClient(config.vaultUrl(), config.vaultClientSecret(), config.vaultTimeout());
    }

    /**
     * One token per number, the calls in parallel. Fails with {@link VaultClient.VaultUnavailable}
     * (no answer, 5xx, 429) or {@link VaultClient.VaultRefused} (the vault refused the gateway): the
     * caller then publishes nothing of the webhook.
     */
    public Uni<Map<String, AadhaarInText.Token>> tokenize(Collection<String> numbers) {
        if (numbers.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(numbers));
        List<Uni<AadhaarInText.Token>> calls = distinct.stream().map(this::tokenize).toList();
        return Uni.join().all(calls).andFailFast().map(tokens -> {
            Map<String, AadhaarInText.Token> byDigits = new LinkedHashMap<>();
            for (int i = 0; i < distinct.size(); i++) {
                if (tokens.get(i) != null) {
                    byDigits.put(distinct.get(i), tokens.get(i));
                }
            }
            return byDigits;
        });
    }

    /**
     * One number. A refusal of that number (400, 404: the vault does not take it) leaves it without a
     * token, so it is masked: the citizen can type it again, and retrying the webhook would not help. A
     * refusal of the gateway itself (401, 403: a wrong secret or right) fails the webhook, as an outage
     * does, so that nothing is lost while the configuration is put right.
     */
    private Uni<AadhaarInText.Token> tokenize(String digits) {
        return Uni.createFrom().completionStage(() -> vault.tokenize(digits, null))
                .map(token -> {
                    if (token.token() == null || token.token().isBlank()) {
                        throw new VaultClient.VaultUnavailable("vault-service answered a token without a token", null);
                    }
                    return token.masked() == null || token.masked().isBlank()
                            ? new AadhaarInText.Token(token.token(), AadhaarInText.masked(digits)) : token;
                })
                .onFailure(failure -> failure instanceof VaultClient.VaultRefused refused
                        && refused.status() != 401 && refused.status() != 403)
                .recoverWithUni(failure -> {
                    LOG.warnf("vault-service refused a number (%d): it is masked without a token",
                            ((VaultClient.VaultRefused) failure).status());
                    return Uni.createFrom().nullItem();
                });
    }
}
