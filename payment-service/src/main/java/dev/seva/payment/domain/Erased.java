package dev.seva.payment.domain;

/**
 * What replaces a citizen's pseudonym on their payment rows after {@code citizen.erasure.v1}: one constant for every
 * erased citizen, so the rows (which the treasury must keep) can no longer be joined back to the citizen. It has the
 * shape of a citizenRef because a later event about such an order (a refund) must still satisfy payments.events.v1.
 */
public final class Erased {

    public static final String CITIZEN_REF = "cit_erased0000000000000000";

    private Erased() {
    }
}
