package dev.seva.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The development {@code seva} realm: deploy's realm ({@code deploy/base/keycloak/realm-import.yaml},
 * the KeycloakRealmImport's {@code spec.realm}, packaged into this jar by the build) plus what only
 * development has: users with a known password, the public {@code seva-cli} client with the password
 * grant, a fixed secret and localhost redirects for the desk's client. Production's realm has none of them
 * (deploy's KeycloakTest checks it).
 */
public final class KeycloakRealm {

    public static final String NAME = "seva";
    /** The password of every development user. */
    public static final String DEV_PASSWORD = "seva-dev";
    /** Public client with the password grant, for scripts and tests (development only). */
    public static final String CLI_CLIENT = "seva-cli";
    /** The desk's confidential OIDC client and its development secret (production: Keycloak generates it). */
    public static final String DESK_CLIENT = "desk-service";
    public static final String DESK_CLIENT_SECRET = "seva-dev-desk-client-secret";
    /** Audiences of {@link #CLI_CLIENT}'s tokens: the services whose APIs people call. */
    public static final List<String> CLI_AUDIENCES = List.of("desk-service", "catalogue-service", "document-service", "payment-service");
    /** Users without a department: {@code auditor} (role auditor) and {@code admin} (catalogue-admin, documents-admin). */
    public static final String AUDITOR = "auditor";
    /** The treasury's user (group payments-treasurers, role payments-treasury): every department's settlement report. */
    public static final String TREASURY = "treasury";
    public static final String ADMIN = "admin";

    private static final String RESOURCE = "keycloak/realm-import.yaml";
    private static final Pattern OFFICER_ROLE = Pattern.compile("dept-([a-z0-9]+)-officer");
    /** Production asks for length(12); the development password is shorter. */
    private static final String DEV_PASSWORD_POLICY = "length(8)";
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeycloakRealm() {
    }

    /** Production's realm as deploy defines it ({@code spec.realm} of the KeycloakRealmImport). */
    public static ObjectNode production() {
        try (InputStream in = KeycloakRealm.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath (devstack's build packages it from deploy/)");
            }
            JsonNode realm = new ObjectMapper(new YAMLFactory()).readTree(in).path("spec").path("realm");
            if (!realm.isObject()) {
                throw new IllegalStateException(RESOURCE + " has no spec.realm");
            }
            return (ObjectNode) realm;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /** The departments that have an officer role in the realm ({@code dept-<d>-officer}), help desk included. */
    public static List<String> departments(JsonNode realm) {
        List<String> departments = new ArrayList<>();
        for (JsonNode role : realm.path("roles").path("realm")) {
            Matcher m = OFFICER_ROLE.matcher(role.path("name").asText());
            if (m.matches()) {
                departments.add(m.group(1));
            }
        }
        return departments;
    }

    /** The development users' names: {@code officer.<d>} and {@code supervisor.<d>} per department, auditor, admin. */
    public static List<String> developmentUsers() {
        List<String> users = new ArrayList<>();
        for (String d : departments(production())) {
            users.add("officer." + d);
            users.add("supervisor." + d);
        }
        users.add(AUDITOR);
        users.add(ADMIN);
        users.add(TREASURY);
        return users;
    }

    /** The realm the devstack's Keycloak imports, as Keycloak's RealmRepresentation JSON. */
    public static String developmentJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(development());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode development() {
        ObjectNode realm = production();
        realm.put("passwordPolicy", DEV_PASSWORD_POLICY);
        ArrayNode users = realm.putArray("users");
        for (String d : departments(realm)) {
            users.add(user("officer." + d, label(d), "Officer", "dept-" + d + "-officers"));
            users.add(user("supervisor." + d, label(d), "Supervisor", "dept-" + d + "-supervisors"));
        }
        users.add(user(AUDITOR, "Seva", "Auditor", "auditors"));
        users.add(user(ADMIN, "Seva", "Administrator", "catalogue-admins", "documents-admins"));
        users.add(user(TREASURY, "Seva", "Treasury", "payments-treasurers"));
        requireGroups(realm, users);

        ArrayNode clients = (ArrayNode) realm.withArray("clients");
        for (JsonNode client : clients) {
            if (DESK_CLIENT.equals(client.path("clientId").asText())) {
                ObjectNode desk = (ObjectNode) client;
                desk.put("secret", DESK_CLIENT_SECRET);
                ArrayNode redirects = desk.putArray("redirectUris");
                // Any port and path on loopback (desk tests run on free ports). Keycloak 26.5 matches a port wildcard only
                // at the end ("http://localhost:*/*" matches nothing; "http://localhost*" would match localhost.evil.example).
                redirects.add("http://localhost:*").add("http://127.0.0.1:*");
            }
        }
        clients.add(cliClient());
        return realm;
    }

    private static ObjectNode user(String username, String firstName, String lastName, String... groups) {
        ObjectNode user = JSON.createObjectNode();
        user.put("username", username);
        user.put("enabled", true);
        // Keycloak refuses a password login to a user whose profile is incomplete.
        user.put("firstName", firstName);
        user.put("lastName", lastName);
        user.put("email", username + "@dev.seva.example.gov.in");
        user.put("emailVerified", true);
        ObjectNode credential = user.putArray("credentials").addObject();
        credential.put("type", "password");
        credential.put("value", DEV_PASSWORD);
        credential.put("temporary", false);
        ArrayNode memberOf = user.putArray("groups");
        for (String group : groups) {
            memberOf.add("/" + group);
        }
        return user;
    }

    /** A user in a group the realm does not define would be imported without its roles: fail instead. */
    private static void requireGroups(JsonNode realm, ArrayNode users) {
        List<String> groups = new ArrayList<>();
        realm.path("groups").forEach(g -> groups.add("/" + g.path("name").asText()));
        for (JsonNode user : users) {
            for (JsonNode group : user.path("groups")) {
                if (!groups.contains(group.asText())) {
                    throw new IllegalStateException("deploy's realm has no group " + group.asText() + " for " + user.path("username").asText());
                }
            }
        }
    }

    private static ObjectNode cliClient() {
        ObjectNode client = JSON.createObjectNode();
        client.put("clientId", CLI_CLIENT);
        client.put("name", "Seva CLI (development only)");
        client.put("enabled", true);
        client.put("protocol", "openid-connect");
        client.put("publicClient", true);
        client.put("standardFlowEnabled", false);
        client.put("implicitFlowEnabled", false);
        client.put("directAccessGrantsEnabled", true);
        client.put("serviceAccountsEnabled", false);
        ArrayNode mappers = client.putArray("protocolMappers");
        for (String audience : CLI_AUDIENCES) {
            ObjectNode mapper = mappers.addObject();
            mapper.put("name", audience + "-audience");
            mapper.put("protocol", "openid-connect");
            mapper.put("protocolMapper", "oidc-audience-mapper");
            ObjectNode config = mapper.putObject("config");
            config.put("included.client.audience", audience);
            config.put("access.token.claim", "true");
            config.put("id.token.claim", "false");
        }
        return client;
    }

    private static String label(String department) {
        return department.substring(0, 1).toUpperCase(Locale.ROOT) + department.substring(1);
    }
}
