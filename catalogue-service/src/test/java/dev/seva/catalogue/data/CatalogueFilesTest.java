package dev.seva.catalogue.data;

import dev.seva.contracts.catalogue.ServiceDefinition;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogueFilesTest {

    static final Path DATA = Path.of("src/main/resources/catalogue/v1");

    @Test
    void theShippedCatalogueLoadsWithAtLeast161ServicesAcrossAtLeast10Departments() {
        Catalogue catalogue = CatalogueFiles.load();
        assertThat(catalogue.departments()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(catalogue.services()).hasSizeGreaterThanOrEqualTo(161);
        Map<String, Long> perDepartment = catalogue.services().stream()
                .collect(Collectors.groupingBy(ServiceDefinition::departmentId, Collectors.counting()));
        assertThat(perDepartment.keySet()).containsAll(catalogue.departments().stream().map(d -> d.id()).toList());
        assertThat(catalogue.services()).anySatisfy(s -> assertThat(s.deliveryMode()).isEqualTo(ServiceDefinition.DeliveryMode.INFORMATION));
        assertThat(catalogue.services()).anySatisfy(s -> assertThat(s.deliveryMode()).isEqualTo(ServiceDefinition.DeliveryMode.PAYMENT));
        assertThat(catalogue.services()).anySatisfy(s -> assertThat(s.deliveryMode()).isEqualTo(ServiceDefinition.DeliveryMode.EXTERNAL_LINK));
        assertThat(catalogue.services()).filteredOn(s -> s.documentType() != null).hasSizeGreaterThanOrEqualTo(9);
    }

    @Test
    void everyDataFileIsListedInTheManifest() throws IOException {
        List<String> listed = CatalogueFiles.load().departments().stream().map(d -> d.id() + ".yaml").toList();
        try (Stream<Path> files = Files.list(DATA)) {
            List<String> present = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals(CatalogueFiles.MANIFEST)).toList();
            assertThat(listed).containsExactlyInAnyOrderElementsOf(present);
        }
    }

    @Test
    void problemsNameTheFileTheServiceAndTheField() {
        Map<String, String> files = new HashMap<>();
        files.put("catalogue.yaml", "formatVersion: 1\ndepartments: [revenue.yaml]\n");
        files.put("revenue.yaml", """
                formatVersion: 1
                department:
                  id: revenue
                  names: { en: "Revenue", te: "రెవెన్యూ", hi: "राजस्व" }
                  descriptions: { en: "Certificates", te: "ధృవీకరణ పత్రాలు", hi: "प्रमाण पत्र" }
                services:
                  - id: rev-income-certificate
                    names: { en: "Income certificate", te: "Income certificate", hi: "आय प्रमाण पत्र" }
                    shortNames: { en: "An income certificate for you", te: "ఆదాయం", hi: "आय" }
                    descriptions: { en: "Certificate of income", te: "ఆదాయ ధృవీకరణ పత్రం", hi: "आय प्रमाण पत्र" }
                    keywords: [income]
                    deliveryMode: application
                    documentType: income_certificate
                    feeRupees: 45
                    slaDays: 7
                    fields:
                      - id: purpose
                        type: choice
                        required: true
                        prompts: { en: "Purpose?", te: "ఎందుకు?", hi: "उद्देश्य?" }
                      - id: purpose
                        type: number
                        required: true
                        prompts: { en: "Income?", te: "ఆదాయం?", hi: "आय?" }
                        validation: { min: 10, max: 1 }
                """);
        assertThatThrownBy(() -> CatalogueFiles.load(open(files)))
                .isInstanceOf(CatalogueDataException.class)
                .satisfies(e -> assertThat(((CatalogueDataException) e).problems()).contains(
                        "revenue.yaml: service rev-income-certificate: names.te: is not written in Telugu script",
                        "revenue.yaml: service rev-income-certificate: fields[1].id: 'purpose' is used twice",
                        "revenue.yaml: service rev-income-certificate: fields[1].validation: min is larger than max")
                        .anySatisfy(p -> assertThat(p).startsWith("revenue.yaml: service rev-income-certificate: shortNames.en"))
                        .anySatisfy(p -> assertThat(p).startsWith("revenue.yaml: service rev-income-certificate: fields[0]")));
    }

    @Test
    void anUnknownKeyIsReportedWithItsPath() {
        Map<String, String> files = Map.of(
                "catalogue.yaml", "formatVersion: 1\ndepartments: [police.yaml]\n",
                "police.yaml", "formatVersion: 1\ndepartment: { id: police, names: { en: Police } }\nservices:\n  - id: pol-fir-status\n    fieldz: []\n");
        assertThatThrownBy(() -> CatalogueFiles.load(open(files)))
                .isInstanceOf(CatalogueDataException.class)
                .hasMessageContaining("police.yaml: services[0].fieldz");
    }

    @Test
    void aMissingFileAndABrokenManifestAreReported() {
        assertThatThrownBy(() -> CatalogueFiles.load(open(Map.of("catalogue.yaml", "formatVersion: 1\ndepartments: [nowhere.yaml]\n"))))
                .hasMessageContaining("nowhere.yaml: file not found");
        assertThatThrownBy(() -> CatalogueFiles.load(open(Map.of("catalogue.yaml", "formatVersion: [\n"))))
                .hasMessageContaining("catalogue.yaml:");
    }

    private static java.util.function.Function<String, InputStream> open(Map<String, String> files) {
        return name -> files.containsKey(name) ? new ByteArrayInputStream(files.get(name).getBytes(StandardCharsets.UTF_8)) : null;
    }
}
