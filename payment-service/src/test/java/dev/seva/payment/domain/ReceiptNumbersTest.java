package dev.seva.payment.domain;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptNumbersTest {

    @Test
    void receiptNumberNamesTheDepartmentAndTheDayInIndia() {
        ReceiptNumbers numbers = new ReceiptNumbers(new SecureRandom());
        // 20:00 UTC on 6 December is 01:30 on 7 December in India.
        String number = numbers.next("revenue", Instant.parse("2026-12-06T20:00:00Z"));
        assertThat(number).matches("^RCPT-REV-20261207-[A-Z0-9]{8}$");
        assertThat(numbers.next("ab", Instant.parse("2026-12-07T05:00:00Z"))).startsWith("RCPT-AB-20261207-");
        // The contract's pattern (payments.events.v1 receiptNumber).
        assertThat(number).matches("^RCPT-[A-Z]{2,6}-[0-9]{8}-[0-9A-Z]{6,12}$");
    }

    @Test
    void receiptNumbersDoNotRepeat() {
        ReceiptNumbers numbers = new ReceiptNumbers(new SplittableRandom(7));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(numbers.next("transport", Instant.parse("2026-12-07T05:00:00Z")))).isTrue();
        }
    }
}
