package dev.seva.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Secret is kept in git: the manifests only reference Secrets, which the operators generate or
 * SREs create, and every one of them is named in deploy/README.md.
 */
class SecretsTest {

    private static final Pattern SECRET_KIND = Pattern.compile("(?m)^\\s*kind:\\s*Secret\\s*$");

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void noSecretIsRendered(String overlay) {
        assertThat(Manifests.of(overlay).all(Secret.class)).as(overlay + ": Secrets in the rendered manifests").isEmpty();
    }

    @Test
    void noFileUnderDeployDeclaresOrGeneratesASecret() throws IOException {
        try (Stream<Path> files = Files.walk(Kustomize.DEPLOY)) {
            List<Path> manifests = files.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(Kustomize.DEPLOY.resolve("target")) && !p.startsWith(Kustomize.DEPLOY.resolve("src")))
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList();
            assertThat(manifests).isNotEmpty().allSatisfy(p -> {
                String text = read(p);
                assertThat(SECRET_KIND.matcher(text).find()).as(p + " declares a Secret").isFalse();
                assertThat(text).as(p + " generates a Secret").doesNotContain("secretGenerator");
            });
        }
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void everyReferencedSecretIsDocumentedForSres(String overlay) throws IOException {
        String readme = Files.readString(Kustomize.DEPLOY.resolve("README.md"));
        Set<String> referenced = referencedSecrets(Manifests.of(overlay));
        assertThat(referenced).as("Secrets referenced").hasSizeGreaterThan(10);
        assertThat(referenced).allSatisfy(name -> assertThat(readme).as("deploy/README.md names Secret " + name).contains("`" + name + "`"));
    }

    /** How the local run sets the desk's development secrets (./seva: export DESK_..._SECRET="${DESK_..._SECRET:-value}"). */
    private static final Pattern LOCAL_DESK_SECRET = Pattern.compile("(DESK_[A-Z_]*SECRET):-([^}\"]+)}");

    @Test
    void theDesksSecretValuesAreNotInTheRepositorysManifests() throws IOException {
        Path localRun = Kustomize.DEPLOY.getParent().resolve("seva");
        Matcher values = LOCAL_DESK_SECRET.matcher(Files.readString(localRun));
        Set<String> found = new TreeSet<>();
        List<String> secrets = new ArrayList<>();
        while (values.find()) {
            found.add(values.group(1));
            secrets.add(values.group(2));
        }
        assertThat(found).as("the desk's development secrets in " + localRun).containsExactlyInAnyOrderElementsOf(DeskTest.DESK_SECRETS);

        try (Stream<Path> files = Files.walk(Kustomize.DEPLOY)) {
            List<Path> manifests = files.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(Kustomize.DEPLOY.resolve("target")) && !p.startsWith(Kustomize.DEPLOY.resolve("src"))).toList();
            assertThat(manifests).isNotEmpty().allSatisfy(p -> assertThat(read(p)).as(p + " holds a desk secret").doesNotContain(secrets.toArray(String[]::new)));
        }
        for (String overlay : Kustomize.overlays()) {
            assertThat(Kustomize.render(overlay)).as(overlay + " renders a desk secret").doesNotContain(secrets.toArray(String[]::new));
        }
    }

    /** Every Secret name the rendered objects point at: secretKeyRef, secret volumes, and the CRs' secret fields. */
    static Set<String> referencedSecrets(Manifests m) {
        Set<String> names = new TreeSet<>();
        for (Manifests.Obj o : m.objects()) {
            collect(o.raw(), null, names);
        }
        return names;
    }

    private static void collect(JsonNode node, String field, Set<String> names) {
        if (node.isObject()) {
            if (field != null && isSecretReference(field, node)) {
                names.add(node.path("name").asText());
            }
            if (node.has("secretName") && node.get("secretName").isTextual()) {
                names.add(node.get("secretName").asText());
            }
            if (node.has("tlsSecret") && node.get("tlsSecret").isTextual()) {
                names.add(node.get("tlsSecret").asText());
            }
            node.fields().forEachRemaining(e -> collect(e.getValue(), e.getKey(), names));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, field, names));
        }
    }

    private static boolean isSecretReference(String field, JsonNode node) {
        return node.has("name") && (field.equals("secretKeyRef") || field.equals("secretTargetRef") || field.equals("passwordSecret")
                || field.equals("usernameSecret") || field.equals("accessKeyId") || field.equals("secretAccessKey"));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
