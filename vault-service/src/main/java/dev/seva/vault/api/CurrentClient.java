package dev.seva.vault.api;

import dev.seva.vault.domain.Client;
import dev.seva.vault.domain.Right;
import dev.seva.vault.service.VaultMetrics;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** The client this request authenticated as ({@link ClientAuthentication}); each endpoint asks for its right. */
@RequestScoped
public class CurrentClient {

    @Inject
    VaultMetrics metrics;

    private Client client;

    void set(Client client) {
        this.client = client;
    }

    /** The client, if it has {@code right}; else 403 (counted in {@code seva_vault_refusals_total}). */
    public Client require(Right right) {
        if (client == null) {
            throw new IllegalStateException("No authenticated vault client on this request");
        }
        if (!client.may(right)) {
            metrics.refusal(client.name());
            throw new NotPermitted(client.name(), right);
        }
        return client;
    }

    /** 403: an authenticated client asking for what it may not. */
    public static final class NotPermitted extends RuntimeException {
        public NotPermitted(String client, Right right) {
            super("Client " + client + " does not have the right " + right.wireName(), null, false, false);
        }
    }
}
