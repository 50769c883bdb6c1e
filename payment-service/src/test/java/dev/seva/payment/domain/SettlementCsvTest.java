package dev.seva.payment.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SettlementCsvTest {

    @Test
    void reportHasAHeaderOneLinePerPaymentAndRefundAndTheNetTotal() {
        String csv = SettlementCsv.render("revenue", LocalDate.parse("2026-12-07"), List.of(
                new SettlementCsv.Line(false, "RCPT-REV-20261207-7K2M9Q00", "SEVA-REV-2026-000123-1", "SEVA-REV-2026-000123", "rev-income-certificate",
                        4500, "upi", "order_A", "pay_A", null, Instant.parse("2026-12-07T09:16:02Z")),
                new SettlementCsv.Line(true, null, "SEVA-REV-2026-000123-2", "SEVA-REV-2026-000123", "rev-income-certificate",
                        4500, null, "order_B", "pay_B", "rfnd_B", Instant.parse("2026-12-07T09:40:00Z"))));

        assertThat(csv.split("\r\n")).containsExactly(
                SettlementCsv.HEADER,
                "payment,RCPT-REV-20261207-7K2M9Q00,SEVA-REV-2026-000123-1,SEVA-REV-2026-000123,rev-income-certificate,45.00,upi,order_A,pay_A,,"
                        + "2026-12-07T14:46:02+05:30",
                "refund,,SEVA-REV-2026-000123-2,SEVA-REV-2026-000123,rev-income-certificate,-45.00,,order_B,pay_B,rfnd_B,2026-12-07T15:10:00+05:30",
                "total,revenue 2026-12-07,1 payments 45.00,1 refunds 45.00,,0.00,,,,,");
    }

    @Test
    void valuesThatCouldBreakTheFileOrStartAFormulaAreQuoted() {
        assertThat(SettlementCsv.escape("a,b")).isEqualTo("\"a,b\"");
        assertThat(SettlementCsv.escape("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(SettlementCsv.escape("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
        assertThat(SettlementCsv.escape(null)).isEmpty();
    }
}
