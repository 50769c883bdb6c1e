package dev.seva.payment.domain;

import java.util.Locale;
import java.util.Set;

/** A gateway's payment method as payments.events.v1 names it ({@code upi, card, netbanking, wallet, emi, paylater, other}). */
public final class PaymentMethods {

    private static final Set<String> KNOWN = Set.of("upi", "card", "netbanking", "wallet", "emi", "paylater");

    private PaymentMethods() {
    }

    /** The contract's name; null when the gateway named none (Meta: may be missing on failures), {@code other} when unknown. */
    public static String of(String method) {
        if (method == null || method.isBlank()) {
            return null;
        }
        String m = method.strip().toLowerCase(Locale.ROOT);
        return KNOWN.contains(m) ? m : "other";
    }
}
