package dev.seva.vault.config;

import dev.seva.vault.domain.Clients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.stream.Collectors;

/** The configured clients (VAULT_CLIENTS), parsed once; a mistake stops the start with its reason. */
@ApplicationScoped
public class ClientsProducer {

    private static final Logger LOG = Logger.getLogger(ClientsProducer.class);

    @Produces
    @Singleton
    Clients clients(VaultConfig config) {
        Clients clients = Clients.parse(config.clients());
        LOG.infof("Vault clients: %s", clients.all().stream()
                .map(c -> c.name() + " " + c.rights().stream().map(r -> r.wireName()).sorted().collect(Collectors.joining(",")))
                .collect(Collectors.joining("; ")));
        return clients;
    }
}
