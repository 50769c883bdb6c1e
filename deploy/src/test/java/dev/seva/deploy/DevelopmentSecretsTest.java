package dev.seva.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Development secrets (issue 15): every one the local run uses starts with {@code seva-dev-}, which the
 * services refuse outside the local run (web-support's DevelopmentSecretsGuard), and none reaches staging
 * or production. Also the launcher's vault wiring: vault-service starts before its callers, each caller
 * has its own secret and VAULT_CLIENTS agrees with them, each HSM user has its own SoftHSM2 token.
 * Tried: a default without the prefix (AADHAAR_VAULT_KEYS was one), a caller's secret that VAULT_CLIENTS
 * does not list, vault-service after the gateway, and a seva-dev- value in a production patch.
 */
class DevelopmentSecretsTest {

    private static final Path LAUNCHER = Kustomize.DEPLOY.getParent().resolve("seva");
    /** export NAME="${NAME:-default}" in the launcher. */
    private static final Pattern DEFAULT = Pattern.compile("export ([A-Z0-9_]+)=\"\\$\\{\\1:-([^}\"]*)}\"");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|TOKEN|PASSWORD|_PIN|_KEY|_KEYS|CLIENTS)$");

    static Map<String, String> launcherDefaults() throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        Matcher m = DEFAULT.matcher(Files.readString(LAUNCHER));
        while (m.find()) {
            defaults.putIfAbsent(m.group(1), m.group(2));
        }
        return defaults;
    }

    /** The launcher's PROCESSES array as bash evaluates it (name|jar|port var|port|fixed|VAR=value ...). */
    static List<String[]> launcherProcesses() throws Exception {
        String script = "STATE=/state; " + "eval \"$(sed -n '/^PROCESSES=(/,/^)/p' '" + LAUNCHER + "')\"; printf '%s\\n' \"${PROCESSES[@]}\"";
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<String[]> entries = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                entries.add(line.split("\\|", -1));
            }
        }
        return entries;
    }

    private static Map<String, String> ownEnv(String[] entry) {
        Map<String, String> env = new LinkedHashMap<>();
        if (entry.length > 5) {
            for (String pair : entry[5].trim().split("\\s+")) {
                if (!pair.isEmpty()) {
                    env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
        }
        return env;
    }

    @Test
    void everyDevelopmentSecretOfTheLocalRunHasThePrefixTheServicesRefuse() throws IOException {
        Map<String, String> defaults = launcherDefaults();
        assertThat(defaults).as("the launcher's defaults").containsKeys("WHATSAPP_APP_SECRET", "VAULT_CLIENTS", "VAULT_HSM_PIN",
                "VAULT_HSM_SO_PIN", "DOCUMENT_HSM_PIN", "DOCUMENT_HSM_SO_PIN", "DESK_SESSION_SECRET").doesNotContainKey("AADHAAR_VAULT_KEYS");
        defaults.forEach((name, value) -> {
            // The devstack's own database password is refused by its value instead (DevelopmentSecretsGuard).
            if (SECRET_NAME.matcher(name).matches() && !name.equals("POSTGRES_PASSWORD")) {
                assertThat(Pattern.compile("(^|[^A-Za-z0-9])seva-dev-").matcher(value).find()).as(name + "'s development default").isTrue();
            }
        });
        assertThat(Files.readString(LAUNCHER)).as("the launcher tells the services this is the local run").contains("export SEVA_LOCAL_RUN=true");
    }

    @Test
    void theVaultStartsFirstAndKnowsEachCallerBySecretOfItsOwn() throws Exception {
        List<String[]> processes = launcherProcesses();
        List<String> names = processes.stream().map(e -> e[0]).toList();
        assertThat(names.get(0)).as("the first process started").isEqualTo("vault-service");
        assertThat(processes.get(0)[3]).isEqualTo("8087");
        assertThat(processes.get(0)[2]).isEqualTo("VAULT_PORT");

        Map<String, String> clients = new LinkedHashMap<>();
        for (String client : launcherDefaults().get("VAULT_CLIENTS").split(";")) {
            String[] parts = client.split(":");
            clients.put(parts[0], parts[1]);
        }
        Map<String, String> callers = Map.of("gateway-service", "gateway", "conversation-service", "conversation",
                "desk-service", "desk", "document-service", "document");
        for (String[] entry : processes) {
            String caller = callers.get(entry[0].replaceFirst("-\\d+$", ""));
            String secret = ownEnv(entry).get("VAULT_CLIENT_SECRET");
            if (caller == null) {
                assertThat(secret).as(entry[0] + " is no vault client").isNull();
            } else {
                assertThat(secret).as(entry[0] + "'s vault secret").isNotNull().startsWith("seva-dev-").isEqualTo(clients.get(caller));
            }
        }
        assertThat(clients.keySet()).containsExactlyInAnyOrderElementsOf(callers.values());
        assertThat(clients.values()).as("one secret per client").doesNotHaveDuplicates();
    }

    @Test
    void eachHsmUserHasItsOwnSoftHsmToken() throws Exception {
        Map<String, String> conf = new LinkedHashMap<>();
        for (String[] entry : launcherProcesses()) {
            String file = ownEnv(entry).get("SOFTHSM2_CONF");
            if (file != null) {
                conf.put(entry[0], file);
            }
        }
        assertThat(conf).containsOnlyKeys("vault-service", "document-service")
                .containsEntry("vault-service", "/state/softhsm/vault-service/softhsm2.conf")
                .containsEntry("document-service", "/state/softhsm/document-service/softhsm2.conf");
    }

    @Test
    void stagingAndProductionHoldNoDevelopmentSecret() throws IOException {
        for (String overlay : List.of("staging", "production")) {
            String rendered = Kustomize.render(overlay);
            assertThat(rendered).as(overlay + " rendered").doesNotContain("seva-dev-").doesNotContain("SEVA_LOCAL_RUN");
            try (var files = Files.walk(Kustomize.DEPLOY.resolve("overlays").resolve(overlay))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain("seva-dev-");
                }
            }
        }
    }
}
