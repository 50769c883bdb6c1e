package dev.seva.simulator.standin.razorpay;

import java.security.SecureRandom;

/** Ids shaped like Razorpay's: a prefix, "_" and 14 characters of [A-Za-z0-9] ({@code order_Nx8s2KfP0aB1cD}). */
final class RazorpayIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private RazorpayIds() {
    }

    static String id(String prefix) {
        return prefix + "_" + random(14);
    }

    /** A bank reference number (UPI RRN, settlement UTR): 12 digits. */
    static String digits(int n) {
        StringBuilder id = new StringBuilder(n).append(1 + RANDOM.nextInt(9));
        for (int i = 1; i < n; i++) {
            id.append(RANDOM.nextInt(10));
        }
        return id.toString();
    }

    static String random(int n) {
        StringBuilder id = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
