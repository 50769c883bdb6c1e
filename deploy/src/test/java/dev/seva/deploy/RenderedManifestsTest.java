package dev.seva.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every overlay renders, and every object in it parses with its typed model (unknown fields fail). */
class RenderedManifestsTest {

    static List<String> overlays() {
        return Kustomize.overlays();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectParsesWithItsTypedModel(String overlay) {
        Manifests manifests = Manifests.of(overlay);

        assertThat(manifests.objects()).as("objects rendered").hasSizeGreaterThan(50);
        assertThat(manifests.objects()).allSatisfy(o -> assertThat(o.typed()).as(o.kind() + " " + o.name()).isNotNull());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everythingLivesInTheSevaNamespace(String overlay) {
        assertThat(Manifests.of(overlay).objects())
                .filteredOn(o -> !o.kind().equals("Namespace"))
                .allSatisfy(o -> assertThat(o.namespace()).as(o.kind() + " " + o.name()).isEqualTo("seva"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void noTwoObjectsShareKindAndName(String overlay) {
        assertThat(Manifests.of(overlay).objects()).extracting(o -> o.kind() + "/" + o.name()).doesNotHaveDuplicates();
    }
}
