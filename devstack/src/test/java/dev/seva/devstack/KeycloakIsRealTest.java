package dev.seva.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real Keycloak with the development realm, started once for this class (about 25 s: its first start
 * rebuilds the distribution and creates its database); every check here goes through Keycloak's own endpoints.
 */
class KeycloakIsRealTest {

    private static KeycloakServer keycloak;

    @BeforeAll
    static void startKeycloak() {
        keycloak = KeycloakServer.forTests();
    }

    @Test
    void officerGetsATokenThroughSevaCliWithItsDepartmentRoleAndTheServicesAsAudiences() {
        String token = KeycloakTokens.password(keycloak.url(), "officer.apsrtc", KeycloakRealm.DEV_PASSWORD);

        JsonNode claims = KeycloakTokens.claims(token);
        assertThat(texts(claims.path("realm_access").path("roles"))).contains("dept-apsrtc-officer").doesNotContain("dept-apsrtc-supervisor");
        assertThat(texts(claims.path("aud"))).contains("desk-service", "catalogue-service", "document-service");
        assertThat(claims.path("iss").asText()).isEqualTo(keycloak.realmUrl());
        assertThat(claims.path("preferred_username").asText()).isEqualTo("officer.apsrtc");
    }

    @Test
    void supervisorIsAlsoAnOfficerOfItsDepartment() {
        JsonNode claims = KeycloakTokens.claims(KeycloakTokens.password(keycloak.realmUrl(), "supervisor.helpdesk", KeycloakRealm.DEV_PASSWORD));

        assertThat(texts(claims.path("realm_access").path("roles"))).contains("dept-helpdesk-officer", "dept-helpdesk-supervisor");
    }

    @Test
    void adminAndAuditorHoldTheirRolesAndNoDepartment() {
        JsonNode admin = KeycloakTokens.claims(KeycloakTokens.password(keycloak.url(), "admin", KeycloakRealm.DEV_PASSWORD));
        JsonNode auditor = KeycloakTokens.claims(KeycloakTokens.password(keycloak.url(), "auditor", KeycloakRealm.DEV_PASSWORD));

        assertThat(texts(admin.path("realm_access").path("roles"))).contains("catalogue-admin", "documents-admin")
                .noneMatch(r -> r.startsWith("dept-"));
        assertThat(texts(auditor.path("realm_access").path("roles"))).contains("auditor").noneMatch(r -> r.startsWith("dept-"));
    }

    @Test
    void wrongPasswordIsRefused() {
        assertThatThrownBy(() -> KeycloakTokens.password(keycloak.url(), "officer.apsrtc", "not-the-password"))
                .isInstanceOfSatisfying(KeycloakTokens.Refused.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void deskClientAuthenticatesWithItsDevelopmentSecretOnly() throws Exception {
        String token = KeycloakTokens.password(keycloak.url(), "officer.transport", KeycloakRealm.DEV_PASSWORD);

        HttpResponse<String> right = introspect(KeycloakRealm.DESK_CLIENT_SECRET, token);
        HttpResponse<String> wrong = introspect("not-the-secret", token);

        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).contains("\"active\":true");
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void deskLoginRequiresPkceAndALoopbackRedirect() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String auth = keycloak.realmUrl() + "/protocol/openid-connect/auth?client_id=desk-service&response_type=code&scope=openid";
        String challenge = "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";

        HttpResponse<String> loopback = http.send(HttpRequest.newBuilder(URI.create(auth + challenge
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A41234%2Fdesk%2Fcallback")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(auth + challenge
                + "&redirect_uri=http%3A%2F%2Flocalhost.evil.example%2Fcallback")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> withoutPkce = http.send(HttpRequest.newBuilder(URI.create(auth
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A8086%2Fcallback")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(loopback.statusCode()).as("Keycloak's login page").isEqualTo(200);
        assertThat(loopback.body()).contains("kc-form-login");
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(withoutPkce.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("code_challenge_method"));
    }

    private static HttpResponse<String> introspect(String secret, String token) throws Exception {
        String basic = Base64.getEncoder().encodeToString((KeycloakRealm.DESK_CLIENT + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keycloak.realmUrl() + "/protocol/openid-connect/token/introspect"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array.isTextual()) {
            values.add(array.asText());
        }
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
