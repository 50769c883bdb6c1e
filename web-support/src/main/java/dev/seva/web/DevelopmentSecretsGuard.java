package dev.seva.web;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Refuses to start a service configured with a development secret outside the local run. Every development
 * secret of the repository (the {@code seva} launcher's defaults, the development realm, the test
 * properties) starts with {@code seva-dev-}: they are public, so a staging or production pod holding one
 * (a forgotten default, a Secret copied from a laptop) would accept forged webhooks or sign sessions anyone
 * can forge. Allowed only with {@code SEVA_LOCAL_RUN=true} (the launcher sets it) or in the dev and test
 * profiles. The refusal names the properties, never their values.
 */
@ApplicationScoped
public class DevelopmentSecretsGuard {

    /** {@code seva-dev-} at the start of a value or of one of its parts ({@code a:seva-dev-x;b:...}, comma lists). */
    static final Pattern DEVELOPMENT_VALUE = Pattern.compile("(^|[^A-Za-z0-9])seva-dev-");
    /** The devstack's database password: a development default too, though it predates the prefix. */
    static final Set<String> DEVELOPMENT_PASSWORDS = Set.of("postgres");
    static final String LOCAL_RUN = "SEVA_LOCAL_RUN";

    /** Before anything else that observes startup (consumers, relays) begins to work. */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        check(ConfigProvider.getConfig(), ConfigUtils.getProfiles());
    }

    /** Throws, naming the offending properties, when development secrets are configured outside the local run. */
    static void check(Config config, Collection<String> profiles) {
        if (allowed(config, profiles)) {
            return;
        }
        Set<String> offending = offending(config);
        if (!offending.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + String.join(", ", offending)
                    + (offending.size() == 1 ? " holds a development secret" : " hold development secrets")
                    + " (published in the repository: values starting with seva-dev-, or the devstack's database password)."
                    + " Configure real secrets (deploy/README.md, Secrets), or set " + LOCAL_RUN + "=true in the local run only.");
        }
    }

    static boolean allowed(Config config, Collection<String> profiles) {
        if (profiles.contains("dev") || profiles.contains("test")) {
            return true;
        }
        return config.getOptionalValue(LOCAL_RUN, String.class).map(v -> v.trim().equalsIgnoreCase("true")).orElse(false);
    }

    /** The names of the properties whose values are development secrets (sorted; never the values). */
    static Set<String> offending(Config config) {
        Set<String> names = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("%")) {
                continue; // another profile's value: not what this process runs with
            }
            String value;
            try {
                value = config.getConfigValue(name).getValue();
            } catch (RuntimeException e) {
                continue; // an expression that does not expand here (an unset variable): nothing configured
            }
            if (value != null && isDevelopmentValue(name, value)) {
                names.add(name);
            }
        }
        return names;
    }

    static boolean isDevelopmentValue(String name, String value) {
        if (DEVELOPMENT_VALUE.matcher(value).find()) {
            return true;
        }
        return name.toLowerCase(Locale.ROOT).endsWith("password") && DEVELOPMENT_PASSWORDS.contains(value.trim());
    }
}
