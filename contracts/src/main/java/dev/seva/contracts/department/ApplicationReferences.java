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

    /** Whether the reference was issued for an application to {@code departmentId}. */
    public static boolean belongsTo(String reference, String departmentId) {
        return reference != null && reference.startsWith("SEVA-" + departmentCode(departmentId) + "-");
    }
}
