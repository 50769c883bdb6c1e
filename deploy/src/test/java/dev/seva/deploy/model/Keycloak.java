package dev.seva.deploy.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

import java.util.List;
import java.util.Map;

/**
 * The fields of the Keycloak operator's resources (k8s.keycloak.org/v2alpha1: Keycloak,
 * KeycloakRealmImport with Keycloak's RealmRepresentation) that Seva uses, as strict records: a field
 * not declared here fails the parse. A client's {@code secret} is deliberately absent, so a client
 * secret written into git fails the build.
 */
public final class Keycloak {

    private Keycloak() {
    }

    public record Server(@JsonProperty(required = true) String apiVersion, @JsonProperty(required = true) String kind,
                         @JsonProperty(required = true) ObjectMeta metadata, @JsonProperty(required = true) ServerSpec spec) {
    }

    public record ServerSpec(Integer instances, @JsonProperty(required = true) Db db, Http http,
                             @JsonProperty(required = true) Hostname hostname, Proxy proxy, Ingress ingress,
                             ResourceRequirements resources) {
    }

    public record Db(@JsonProperty(required = true) String vendor, String host, Integer port, String database,
                     SecretKeySelector usernameSecret, SecretKeySelector passwordSecret) {
    }

    public record SecretKeySelector(@JsonProperty(required = true) String name, @JsonProperty(required = true) String key) {
    }

    public record Http(Boolean httpEnabled, String tlsSecret) {
    }

    public record Hostname(@JsonProperty(required = true) String hostname, Boolean backchannelDynamic) {
    }

    public record Proxy(String headers) {
    }

    public record Ingress(Boolean enabled, String className) {
    }

    public record RealmImport(@JsonProperty(required = true) String apiVersion, @JsonProperty(required = true) String kind,
                              @JsonProperty(required = true) ObjectMeta metadata, @JsonProperty(required = true) RealmImportSpec spec) {
    }

    public record RealmImportSpec(@JsonProperty(required = true) String keycloakCRName, @JsonProperty(required = true) Realm realm) {
    }

    public record Realm(@JsonProperty(required = true) String realm, Boolean enabled, String displayName, String sslRequired,
                        Boolean registrationAllowed, Boolean resetPasswordAllowed, Boolean loginWithEmailAllowed,
                        Boolean duplicateEmailsAllowed, Boolean bruteForceProtected, Integer accessTokenLifespan,
                        Integer ssoSessionIdleTimeout, String passwordPolicy, Roles roles, List<Group> groups, List<Client> clients) {
    }

    public record Roles(List<Role> realm) {
    }

    public record Role(@JsonProperty(required = true) String name, String description) {
    }

    public record Group(@JsonProperty(required = true) String name, List<String> realmRoles) {
    }

    public record Client(@JsonProperty(required = true) String clientId, String name, Boolean enabled, String protocol,
                         Boolean publicClient, String clientAuthenticatorType, Boolean standardFlowEnabled,
                         Boolean implicitFlowEnabled, Boolean directAccessGrantsEnabled, Boolean serviceAccountsEnabled,
                         List<String> redirectUris, List<String> webOrigins, Map<String, String> attributes,
                         List<ProtocolMapper> protocolMappers) {
    }

    public record ProtocolMapper(@JsonProperty(required = true) String name, String protocol,
                                 @JsonProperty(required = true) String protocolMapper, Map<String, String> config) {
    }
}
