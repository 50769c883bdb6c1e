package dev.seva.contracts.department;

import java.util.Locale;

/**
 * Application references, {@code SEVA-<CODE>-<YYYY>-<NNNNNN>}: the code names the department the
 * application was made to (the first three letters of its id, upper case), so that a reference
 * can be checked against the topic it travels on. A department answering on its own topic with
 * another department's reference is refused by the contract validator: without this, a department
 * could approve, and have signed, a certificate under another department's application.
 */
public final class ApplicationReferences {

    private ApplicationReferences() {
    }

    /** {@code revenue} → {@code REV}; ids of fewer letters are padded to two ({@code ab} → {@code AB}). */
    public static String departmentCode(String departmentId) {
        String letters = departmentId.replaceAll("[^a-z]", "").toUpperCase(Locale.ROOT);
        return letters.length() <= 3 ? (letters + "XX").substring(0, Math.max(2, letters.length())) : letters.substring(0, 3);
    }

    /** {@code SEVA-REV-2026-004817}: the number is six digits, drawn at random by conversation-service. */
    public static String format(String code, int year, int number) {
        if (number < 0 || number > 999_999) {
            throw new IllegalArgumentException("A reference number has six digits: " + number);
        }
        return String.format(Locale.ROOT, "SEVA-%s-%04d-%06d", code, year, number);
    }

    /** Whether the reference was issued for an application to {@code departmentId}. */
    public static boolean belongsTo(String reference, String departmentId) {
        return reference != null && reference.startsWith("SEVA-" + departmentCode(departmentId) + "-");
    }
}
