package dev.seva.desk.domain;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificatePrefillTest {

    static final CertificatePrefill.Template BUS_PASS = new CertificatePrefill.Template("bus_pass", List.of("applicantName", "fromPlace", "toPlace"),
            new LinkedHashMap<>(Map.of("applicantName", "Pass holder", "fromPlace", "From", "toPlace", "To", "passNumber", "Pass number")));

    @Test
    void theHolderComesFromTheServicesNameFieldWhenTheTemplateCallsItDifferently() {
        Map<String, String> data = CertificatePrefill.prefill(BUS_PASS, Map.of("studentName", "Ravi", "fromPlace", "A", "toPlace", "B"),
                List.of("studentName"), Map.of("district", "Krishna"));
        assertThat(data).containsEntry("applicantName", "Ravi").containsEntry("fromPlace", "A").containsEntry("passNumber", "")
                .containsEntry("studentName", "Ravi");
    }

    @Test
    void overridesWinAndAMissingRequiredValueIsRefusedByItsLabel() {
        Map<String, String> prefilled = CertificatePrefill.prefill(BUS_PASS, Map.of("fromPlace", "A", "toPlace", "B"), List.of(), Map.of());
        assertThatThrownBy(() -> CertificatePrefill.finalData(BUS_PASS, prefilled, Map.of()))
                .isInstanceOfSatisfying(ActionRefused.class, e -> {
                    assertThat(e.field()).isEqualTo("fields.applicantName");
                    assertThat(e.getMessage()).contains("Pass holder");
                });
        assertThat(CertificatePrefill.finalData(BUS_PASS, prefilled, Map.of("applicantName", " Sita ", "passNumber", "P-1")))
                .containsEntry("applicantName", "Sita").containsEntry("passNumber", "P-1").doesNotContainKey("nothing");
    }
}
