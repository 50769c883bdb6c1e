package dev.seva.payment.domain;

import java.math.BigDecimal;

/** Amounts in paise (the contracts' integers) shown as rupees with two decimals: 4500 → {@code 45.00}. */
public final class Rupees {

    private Rupees() {
    }

    public static String of(long paise) {
        return BigDecimal.valueOf(paise, 2).toPlainString();
    }
}
