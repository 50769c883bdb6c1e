package dev.seva.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The development realm is deploy's realm plus development users and clients; no Keycloak needed. */
class KeycloakRealmTest {

    private static final List<String> DEPARTMENTS = List.of("revenue", "municipal", "transport", "apsrtc", "energy", "endowments",
            "civilsupplies", "health", "education", "police", "agriculture", "grievance", "helpdesk");

    @Test
    void everyDepartmentOfTheRealmHasAnOfficerAndASupervisorWithACompleteProfile() {
        ObjectNode realm = KeycloakRealm.development();
        List<JsonNode> users = list(realm.path("users"));

        assertThat(KeycloakRealm.departments(realm)).containsExactlyInAnyOrderElementsOf(DEPARTMENTS);
        List<String> expected = new ArrayList<>(List.of("auditor", "admin", "treasury"));
        DEPARTMENTS.forEach(d -> expected.addAll(List.of("officer." + d, "supervisor." + d)));
        assertThat(users).extracting(u -> u.path("username").asText()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(KeycloakRealm.developmentUsers()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(users).allSatisfy(u -> {
            assertThat(u.path("firstName").asText()).isNotBlank();
            assertThat(u.path("lastName").asText()).isNotBlank();
            assertThat(u.path("email").asText()).contains("@");
            assertThat(u.path("credentials").get(0).path("value").asText()).isEqualTo(KeycloakRealm.DEV_PASSWORD);
        });
        assertThat(realm.path("passwordPolicy").asText()).doesNotContain("length(12)");
    }

    @Test
    void developmentAddsSevaCliAndTheDeskSecretToWhatDeployDefines() {
        ObjectNode production = KeycloakRealm.production();
        ObjectNode development = KeycloakRealm.development();

        assertThat(production.has("users")).isFalse();
        assertThat(clientIds(production)).doesNotContain(KeycloakRealm.CLI_CLIENT).contains(KeycloakRealm.DESK_CLIENT);
        assertThat(clientIds(development)).containsAll(clientIds(production)).contains(KeycloakRealm.CLI_CLIENT);
        assertThat(client(production, KeycloakRealm.DESK_CLIENT).has("secret")).isFalse();
        assertThat(client(development, KeycloakRealm.DESK_CLIENT).path("secret").asText()).isEqualTo(KeycloakRealm.DESK_CLIENT_SECRET);
        assertThat(development.path("roles")).isEqualTo(production.path("roles"));
        assertThat(development.path("groups")).isEqualTo(production.path("groups"));
    }

    private static List<String> clientIds(JsonNode realm) {
        return list(realm.path("clients")).stream().map(c -> c.path("clientId").asText()).toList();
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        return list(realm.path("clients")).stream().filter(c -> clientId.equals(c.path("clientId").asText())).findFirst().orElseThrow();
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
