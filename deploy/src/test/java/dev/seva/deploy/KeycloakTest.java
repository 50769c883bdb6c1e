package dev.seva.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.deploy.model.Keycloak;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The realm has the roles the APIs check and a client per service; public names agree everywhere. */
class KeycloakTest {

    /** Every department of the catalogue (catalogue-service/src/main/resources/catalogue/v1/catalogue.yaml). */
    static final List<String> DEPARTMENTS = List.of("revenue", "municipal", "transport", "apsrtc", "energy", "endowments",
            "civilsupplies", "health", "education", "police", "agriculture", "grievance");
    /** The desk's departments: every department and the general help desk of human handover. */
    static final List<String> DESK_DEPARTMENTS = List.of("revenue", "municipal", "transport", "apsrtc", "energy", "endowments",
            "civilsupplies", "health", "education", "police", "agriculture", "grievance", "helpdesk");
    /** The client that logs officers in (authorisation code flow with PKCE) rather than calling as a service. */
    static final String DESK_CLIENT = "desk-service";

    private static Keycloak.Realm realm(Manifests m) {
        List<Keycloak.RealmImport> imports = m.all(Keycloak.RealmImport.class);
        assertThat(imports).hasSize(1);
        assertThat(m.has(Keycloak.Server.class, imports.get(0).spec().keycloakCRName())).isTrue();
        return imports.get(0).spec().realm();
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void theRealmHasTheAdminAuditorOfficerAndSupervisorRolesEachGrantedByAGroup(String overlay) {
        Keycloak.Realm realm = realm(Manifests.of(overlay));
        Set<String> expected = new TreeSet<>(Set.of("catalogue-admin", "documents-admin", "auditor", "payments-treasury"));
        DESK_DEPARTMENTS.forEach(d -> {
            expected.add("dept-" + d + "-officer");
            expected.add("dept-" + d + "-supervisor");
        });

        assertThat(realm.realm()).isEqualTo("seva");
        assertThat(realm.roles().realm()).extracting(Keycloak.Role::name).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(realm.groups().stream().flatMap(g -> g.realmRoles().stream()).collect(Collectors.toSet()))
                .as("roles granted by groups").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(DESK_DEPARTMENTS).allSatisfy(d -> assertThat(group(realm, "dept-" + d + "-supervisors").realmRoles())
                .as("a supervisor is also an officer of " + d).containsExactlyInAnyOrder("dept-" + d + "-officer", "dept-" + d + "-supervisor"));
        assertThat(group(realm, "auditors").realmRoles()).containsExactly("auditor");
        assertThat(group(realm, "payments-treasurers").realmRoles()).as("the treasury reads settlement reports only").containsExactly("payments-treasury");
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void theRealmHoldsNoUsersAndNoDevelopmentClient(String overlay) {
        Manifests m = Manifests.of(overlay);
        JsonNode raw = m.objects().stream().filter(o -> o.typed() instanceof Keycloak.RealmImport).findFirst().orElseThrow().raw();

        assertThat(raw.path("spec").path("realm").has("users")).as("users are added in the admin console, never in git").isFalse();
        assertThat(realm(m).clients()).extracting(Keycloak.Client::clientId).doesNotContain("seva-cli");
        assertThat(realm(m).clients()).allSatisfy(c -> assertThat(c.directAccessGrantsEnabled()).as(c.clientId() + ": no password grant").isFalse());
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void theDeskLogsOfficersInWithTheCodeFlowAndPkceAndItsTokensNameTheDesk(String overlay) {
        Keycloak.Client desk = realm(Manifests.of(overlay)).clients().stream().filter(c -> c.clientId().equals(DESK_CLIENT))
                .findFirst().orElseThrow(() -> new AssertionError("no desk-service client"));

        assertThat(desk.publicClient()).as("confidential").isFalse();
        assertThat(desk.standardFlowEnabled()).isTrue();
        assertThat(desk.implicitFlowEnabled()).isFalse();
        assertThat(desk.directAccessGrantsEnabled()).isFalse();
        assertThat(desk.serviceAccountsEnabled()).isFalse();
        assertThat(desk.attributes()).containsEntry("pkce.code.challenge.method", "S256");
        assertThat(desk.redirectUris()).isNotEmpty().allSatisfy(u -> assertThat(u).startsWith("https://"));
        assertThat(desk.protocolMappers()).anySatisfy(p -> {
            assertThat(p.protocolMapper()).isEqualTo("oidc-audience-mapper");
            assertThat(p.config()).containsEntry("included.client.audience", DESK_CLIENT).containsEntry("access.token.claim", "true");
        });
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void everyServiceHasAConfidentialClientWithoutInteractiveFlows(String overlay) {
        Manifests m = Manifests.of(overlay);
        List<Keycloak.Client> clients = realm(m).clients();
        // vault-service knows its four callers by their own client secrets (VAULT_CLIENTS) and takes no OIDC
        // token: a realm client for it would be a credential nobody uses.
        Set<String> services = m.all(Deployment.class).stream().map(d -> d.getMetadata().getName())
                .filter(name -> !name.equals("vault-service")).collect(Collectors.toSet());

        assertThat(clients).extracting(Keycloak.Client::clientId).containsAll(services);
        assertThat(clients).filteredOn(c -> services.contains(c.clientId()) && !c.clientId().equals(DESK_CLIENT)).allSatisfy(c -> {
            assertThat(c.publicClient()).as(c.clientId()).isFalse();
            assertThat(c.standardFlowEnabled()).as(c.clientId()).isFalse();
            assertThat(c.implicitFlowEnabled()).as(c.clientId()).isFalse();
            assertThat(c.directAccessGrantsEnabled()).as(c.clientId()).isFalse();
        });
        assertThat(clients).filteredOn(c -> Boolean.TRUE.equals(c.publicClient())).allSatisfy(c -> {
            assertThat(c.attributes()).as(c.clientId() + " uses PKCE").containsEntry("pkce.code.challenge.method", "S256");
            assertThat(c.implicitFlowEnabled()).isFalse();
            assertThat(c.protocolMappers()).anySatisfy(p -> assertThat(p.config()).containsEntry("included.client.audience", "catalogue-service"));
        });
        String catalogueClient = Cluster.env(m.one(Deployment.class, "catalogue-service"), "OIDC_CLIENT_ID").orElseThrow().getValue();
        assertThat(clients).extracting(Keycloak.Client::clientId).contains(catalogueClient);
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void publicNamesAgreeAcrossIngressKeycloakRealmAndServices(String overlay) {
        Manifests m = Manifests.of(overlay);
        // One Ingress per public host (each with its own limits: IngressLimitsTest).
        Ingress webhook = m.one(Ingress.class, "seva-webhook");
        Ingress verify = m.one(Ingress.class, "seva-verify");
        Ingress admin = m.one(Ingress.class, "seva");
        String webhookHost = hostServing(webhook, "gateway-service");
        String verifyHost = hostServing(verify, "document-service");
        String adminHost = hostServing(admin, "catalogue-service");
        String domain = webhookHost.substring(webhookHost.indexOf('.') + 1);

        assertThat(List.of(verifyHost, adminHost)).allSatisfy(h -> assertThat(h).endsWith("." + domain));
        assertThat(webhook.getSpec().getTls().get(0).getHosts()).containsExactly(webhookHost);
        assertThat(verify.getSpec().getTls().get(0).getHosts()).containsExactly(verifyHost);
        assertThat(admin.getSpec().getTls().get(0).getHosts()).containsExactly(adminHost);
        assertThat(hostServing(admin, "document-service")).as("revocation on the admin host").isEqualTo(adminHost);
        Keycloak.Server keycloak = m.all(Keycloak.Server.class).get(0);
        assertThat(URI.create(keycloak.spec().hostname().hostname()).getHost()).isEqualTo("id." + domain);
        assertThat(realm(m).clients()).filteredOn(c -> Boolean.TRUE.equals(c.publicClient()))
                .allSatisfy(c -> assertThat(c.redirectUris()).allSatisfy(u -> assertThat(URI.create(u.replace("*", "")).getHost()).isEqualTo(adminHost)));
        Ingress deskIngress = m.one(Ingress.class, "seva-desk");
        String deskHost = hostServing(deskIngress, ContractTopics.DESK);
        assertThat(deskHost).as("the desk's host").isEqualTo("desk." + domain);
        assertThat(deskIngress.getSpec().getTls()).singleElement().satisfies(t -> assertThat(t.getHosts()).containsExactly(deskHost));
        assertThat(realm(m).clients()).filteredOn(c -> c.clientId().equals(DESK_CLIENT)).singleElement()
                .satisfies(c -> assertThat(c.redirectUris()).as("the desk client's redirect URIs").isNotEmpty()
                        .allSatisfy(u -> assertThat(URI.create(u.replace("*", "")).getHost()).isEqualTo(deskHost)));
        assertThat(Cluster.env(m.one(Deployment.class, ContractTopics.DESK), "OIDC_AUTH_SERVER_URL").orElseThrow().getValue())
                .as("the desk's realm, inside the cluster, as the catalogue's")
                .isEqualTo(Cluster.env(m.one(Deployment.class, "catalogue-service"), "OIDC_AUTH_SERVER_URL").orElseThrow().getValue());
        assertThat(Cluster.env(m.one(Deployment.class, ContractTopics.DESK), "DESK_OIDC_CLIENT_ID").orElseThrow().getValue()).isEqualTo(DESK_CLIENT);
        assertThat(Cluster.env(m.one(Deployment.class, "document-service"), "DOCUMENT_VERIFY_BASE_URL").orElseThrow().getValue())
                .isEqualTo("https://" + verifyHost);
        assertThat(URI.create(Cluster.env(m.one(Deployment.class, "catalogue-service"), "OIDC_AUTH_SERVER_URL").orElseThrow().getValue()))
                .satisfies(u -> {
                    assertThat(u.getHost()).isEqualTo(keycloak.metadata().getName() + "-service");
                    assertThat(u.getPath()).isEqualTo("/realms/" + realm(m).realm());
                });
    }

    private static Keycloak.Group group(Keycloak.Realm realm, String name) {
        return realm.groups().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no group " + name));
    }

    private static String hostServing(Ingress ingress, String service) {
        return ingress.getSpec().getRules().stream()
                .filter(r -> r.getHttp().getPaths().stream().anyMatch(p -> p.getBackend().getService().getName().equals(service)))
                .map(IngressRule::getHost).findFirst().orElseThrow(() -> new AssertionError("no Ingress rule for " + service));
    }
}
