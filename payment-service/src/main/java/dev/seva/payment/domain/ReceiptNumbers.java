package dev.seva.payment.domain;

import dev.seva.contracts.department.ApplicationReferences;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Seva's receipt numbers, {@code RCPT-<DEPTCODE>-<yyyyMMdd>-<XXXXXXXX>}: the department's code (as in its application
 * references), the day it was paid in India, and 8 random characters of A-Z0-9 (36^8 ≈ 2.8 × 10^12 a day and
 * department: a clash is unlikely and caught by the unique column, which makes the settlement try again).
 */
public final class ReceiptNumbers {

    public static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");
    public static final int RANDOM_LENGTH = 8;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT).withZone(INDIA);

    private final RandomGenerator random;

    /** Pass a {@code SecureRandom}: receipt numbers are quoted to citizens and must not be guessable from one another. */
    public ReceiptNumbers(RandomGenerator random) {
        this.random = random;
    }

    public String next(String departmentId, Instant paidAt) {
        StringBuilder number = new StringBuilder("RCPT-").append(ApplicationReferences.departmentCode(departmentId))
                .append('-').append(DAY.format(paidAt)).append('-');
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            number.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return number.toString();
    }
}
