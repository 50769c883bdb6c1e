package dev.seva.desk.service;

import dev.seva.desk.domain.LookupKeys;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample CSVs: every key a citizen could type for its service (the catalogue's patterns), and the values the e2e tests use. */
class SampleDataTest {

    @Test
    void everySampleBillHasAKeyItsServicesLookUpAccepts() {
        List<Map<String, String>> bills = SampleData.csv(SampleData.BILLS);
        assertThat(bills).isNotEmpty();
        for (Map<String, String> b : bills) {
            LookupKeys.Spec spec = LookupKeys.spec(b.get("service_id")).orElseThrow();
            assertThat(spec.kind()).isEqualTo(LookupKeys.Kind.DUES);
            Map<String, String> answers = new HashMap<>();
            answers.put(spec.keyField(), b.get("lookup_key"));
            if (spec.areaField() != null) {
                answers.put(spec.areaField(), b.get("area"));
            }
            if (spec.checkField() != null) {
                answers.put(spec.checkField(), b.get("check_value"));
            }
            assertThat(LookupKeys.query(spec, answers).key()).as(b.get("bill_id")).isEqualTo(b.get("lookup_key"));
            assertThat(b.get("bill_id")).matches("^[A-Za-z0-9._:-]{1,64}$").doesNotContain(b.get("lookup_key"));
            assertThat(Long.parseLong(b.get("amount_paise"))).isGreaterThanOrEqualTo(100);
        }
        assertThat(bills).extracting(b -> b.get("service_id")).contains("mun-property-tax-payment", "mun-water-charges-payment",
                "enr-bill-payment", "pol-traffic-echallan", "trn-road-tax-payment");
    }

    @Test
    void theGunturPropertyOfTheEndToEndTestsIsOpenWithItsExactValues() {
        Map<String, String> b = SampleData.csv(SampleData.BILLS).stream().filter(r -> "1086012345".equals(r.get("lookup_key"))).findFirst()
                .orElseThrow();
        assertThat(b).containsEntry("area", "Guntur").containsEntry("holder_name", "K. Lakshmi")
                .containsEntry("address", "Door 4-12, Brodipet, Guntur").containsEntry("period_en", "2026-27, second half")
                .containsEntry("period_te", "2026-27, రెండో అర్ధభాగం").containsEntry("period_hi", "2026-27, दूसरी छमाही")
                .containsEntry("due_date", "2026-12-31").containsEntry("amount_paise", "184600").containsEntry("status", "open");
        assertThat(SampleData.csv(SampleData.BILLS).stream().filter(r -> "1086099999".equals(r.get("lookup_key"))))
                .extracting(r -> r.get("status")).containsOnly("paid");
    }

    @Test
    void everySampleRecordHasAKeyItsServicesLookUpAcceptsAndEveryRecordServiceHasOne() {
        List<Map<String, String>> lines = SampleData.csv(SampleData.RECORDS);
        for (Map<String, String> l : lines) {
            LookupKeys.Spec spec = LookupKeys.spec(l.get("service_id")).orElseThrow();
            assertThat(spec.kind()).isEqualTo(LookupKeys.Kind.RECORD);
            Map<String, String> answers = new HashMap<>();
            answers.put(spec.keyField(), l.get("lookup_key"));
            if (spec.checkField() != null) {
                answers.put(spec.checkField(), l.get("check_value"));
            }
            assertThat(LookupKeys.query(spec, answers).key()).isEqualTo(l.get("lookup_key"));
            assertThat(l.get("value")).isNotBlank();
            assertThat(l.get("personal")).isIn("true", "false");
        }
        assertThat(lines).extracting(l -> l.get("service_id")).contains("edu-ssc-results", "edu-inter-results", "civ-rice-card-status",
                "civ-ration-entitlement", "pol-fir-status", "trn-dl-details", "trn-vehicle-registration-details");
    }
}
