package dev.seva.desk.domain;

import dev.seva.contracts.LocalizedText;
import dev.seva.contracts.department.LookupAnswered.Result;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LookupAnswersTest {

    static final LookupKeys.Spec PROPERTY = LookupKeys.spec("mun-property-tax-payment").orElseThrow();
    static final LocalizedText PERIOD = new LocalizedText("2026-27, second half", "2026-27, రెండో అర్ధభాగం", "2026-27, दूसरी छमाही");

    static LookupAnswers.Bill bill(String id, String due, boolean open, Instant paidAt) {
        return new LookupAnswers.Bill(id, PERIOD, LocalDate.parse(due), 184600, "K. Lakshmi", "Door 4-12, Brodipet, Guntur", open, paidAt);
    }

    @Test
    void theOldestOpenBillIsTheOneToPayWithTheOwnerAndAddressSealedAndThePeriodInTheCitizensLanguage() {
        var answer = LookupAnswers.forBills(PROPERTY, List.of(bill("B-2", "2027-03-31", true, null), bill("B-1", "2026-12-31", true, null),
                bill("B-0", "2026-06-30", false, Instant.parse("2026-06-01T00:00:00Z"))), "te", v -> "sealed(" + v + ")");
        assertThat(answer.result()).isEqualTo(Result.FOUND);
        assertThat(answer.bill().billId()).isEqualTo("B-1");
        assertThat(answer.lines()).extracting(l -> l.value())
                .as("the period is the bill's, not a line again").containsExactly("sealed(K. Lakshmi)", "sealed(Door 4-12, Brodipet, Guntur)");
        assertThat(answer.bill().period().te()).isEqualTo("2026-27, రెండో అర్ధభాగం");
    }

    @Test
    void onlyPaidBillsAreNothingDueWithTheIndianDayOfTheLastPayment() {
        var answer = LookupAnswers.forBills(PROPERTY, List.of(bill("B-0", "2026-06-30", false, Instant.parse("2026-06-01T00:00:00Z")),
                bill("B-1", "2026-09-30", false, Instant.parse("2026-09-11T20:00:00Z"))), "en", v -> "sealed");
        assertThat(answer.result()).isEqualTo(Result.NOTHING_DUE);
        assertThat(answer.bill()).isNull();
        assertThat(answer.lines()).singleElement().satisfies(l -> assertThat(l.value()).isEqualTo("2026-09-12"));
        assertThat(answer.message().en()).isEqualTo("Nothing is due on this property.");
    }

    @Test
    void noBillIsNotFoundNamingTheReceiptInThreeLanguages() {
        var answer = LookupAnswers.forBills(PROPERTY, List.of(), "en", v -> v);
        assertThat(answer.result()).isEqualTo(Result.NOT_FOUND);
        assertThat(answer.message().en()).contains("last tax receipt");
        assertThat(answer.message().te()).isNotBlank();
        assertThat(answer.message().hi()).isNotBlank();
    }

    @Test
    void aRecordSealsOnlyItsPersonalLines() {
        var spec = LookupKeys.spec("edu-ssc-results").orElseThrow();
        var answer = LookupAnswers.forRecord(spec, List.of(new LookupAnswers.RecordLine(LocalizedText.english("Name"), "B. Harika", true),
                new LookupAnswers.RecordLine(LocalizedText.english("Results declared"), "2026-04-30", false)), v -> "sealed(" + v + ")");
        assertThat(answer.result()).isEqualTo(Result.FOUND);
        assertThat(answer.lines()).extracting(l -> l.value()).containsExactly("sealed(B. Harika)", "2026-04-30");
    }

    @Test
    void vehicleNumbersAreNormalisedBeforeTheyAreChecked() {
        var spec = LookupKeys.spec("pol-traffic-echallan").orElseThrow();
        assertThat(LookupKeys.query(spec, Map.of("vehicleNumber", " ap 39-ab 1234 ")).key()).isEqualTo("AP39AB1234");
        assertThatThrownBy(() -> LookupKeys.query(spec, Map.of("vehicleNumber", "AP39AB12345X")))
                .isInstanceOf(LookupKeys.InvalidValue.class).hasMessageContaining("vehicleNumber").hasMessageNotContaining("12345");
        assertThatThrownBy(() -> LookupKeys.query(spec, Map.of())).isInstanceOf(LookupKeys.InvalidValue.class);
    }

    @Test
    void roadTaxAsksForTheChassisDigitsAndMunicipalServicesForTheMunicipality() {
        var roadTax = LookupKeys.spec("trn-road-tax-payment").orElseThrow();
        assertThat(LookupKeys.query(roadTax, Map.of("vehicleNumber", "AP39CD5678", "chassisLastDigits", "4k7q2")).check()).isEqualTo("4K7Q2");
        assertThatThrownBy(() -> LookupKeys.query(roadTax, Map.of("vehicleNumber", "AP39CD5678")))
                .isInstanceOf(LookupKeys.InvalidValue.class).hasMessageContaining("chassisLastDigits");
        assertThatThrownBy(() -> LookupKeys.query(PROPERTY, Map.of("assessmentNumber", "1086012345")))
                .isInstanceOf(LookupKeys.InvalidValue.class).hasMessageContaining("municipality");
        assertThat(LookupKeys.query(PROPERTY, Map.of("assessmentNumber", "1086012345", "municipality", "  Guntur ")).area()).isEqualTo("Guntur");
    }
}
