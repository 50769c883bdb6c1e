package dev.seva.simulator.standin.razorpay;

/** The payer's VPA a UPI app gives, on its usual handle: GPay @okaxis, PhonePe @ybl, Paytm @ptyes, BHIM @upi, … */
final class UpiHandles {

    private UpiHandles() {
    }

    static String vpa(String contact, String app) {
        String digits = contact == null ? "" : contact.replaceAll("[^0-9]", "");
        String user = digits.length() >= 10 ? digits.substring(digits.length() - 10) : "citizen";
        String handle = switch (app == null ? "" : app) {
            case "phonepe" -> "ybl";
            case "paytm" -> "ptyes";
            case "bhim" -> "upi";
            case "amazonpay" -> "apl";
            case "cred" -> "axisb";
            case "mobikwik" -> "ikwik";
            default -> "okaxis";
        };
        return user + "@" + handle;
    }
}
