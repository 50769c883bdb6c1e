package dev.seva.vault.domain;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientsTest {

    static final String PLATFORM = "gateway:seva-dev-vault-gateway:tokenize;conversation:seva-dev-vault-conversation:tokenize,bind,keys,erase;"
            + "desk:seva-dev-vault-desk:keys;document:seva-dev-vault-document:keys";

    @Test
    void theLaunchersClientsParseWithTheirRights() {
        // Tried: the VAULT_CLIENTS the launcher exports; each secret authenticates its own client only.
        Clients clients = Clients.parse(PLATFORM);
        assertThat(clients.all()).extracting(Client::name).containsExactly("gateway", "conversation", "desk", "document");
        Client conversation = clients.authenticate("seva-dev-vault-conversation").orElseThrow();
        assertThat(conversation.name()).isEqualTo("conversation");
        assertThat(conversation.rights()).isEqualTo(Set.of(Right.TOKENIZE, Right.BIND, Right.KEYS, Right.ERASE));
        assertThat(conversation.may(Right.REVEAL)).isFalse();
        assertThat(clients.authenticate("seva-dev-vault-gateway").orElseThrow().rights()).containsExactly(Right.TOKENIZE);
    }

    @Test
    void anUnknownEmptyOrPrefixSecretAuthenticatesNobody() {
        // Tried: nothing, a near miss, a prefix and an extension of a real secret.
        Clients clients = Clients.parse(PLATFORM);
        assertThat(clients.authenticate(null)).isEmpty();
        assertThat(clients.authenticate("")).isEmpty();
        assertThat(clients.authenticate("seva-dev-vault-gatewaY")).isEmpty();
        assertThat(clients.authenticate("seva-dev-vault-gate")).isEmpty();
        assertThat(clients.authenticate("seva-dev-vault-gateway2")).isEmpty();
    }

    @Test
    void configurationMistakesStopTheStartWithoutEchoingSecrets() {
        // Tried: nothing configured, a missing part, an unknown right, a short secret, a name twice, a secret shared.
        assertThatThrownBy(() -> Clients.parse("")).hasMessageContaining("VAULT_CLIENTS");
        assertThatThrownBy(() -> Clients.parse("gateway:seva-dev-vault-gateway")).hasMessageContaining("name:secret:rights");
        assertThatThrownBy(() -> Clients.parse("gateway:seva-dev-vault-gateway:tokenise")).hasMessageContaining("tokenise");
        assertThatThrownBy(() -> Clients.parse("gateway:short:tokenize")).hasMessageContaining("shorter").hasMessageNotContaining("short:");
        assertThatThrownBy(() -> Clients.parse("a:seva-dev-vault-secret-1:keys;a:seva-dev-vault-secret-2:keys")).hasMessageContaining("twice");
        assertThatThrownBy(() -> Clients.parse("a:seva-dev-vault-secret-1:keys;b:seva-dev-vault-secret-1:keys"))
                .hasMessageContaining("share a secret").hasMessageNotContaining("seva-dev-vault-secret-1");
    }
}
