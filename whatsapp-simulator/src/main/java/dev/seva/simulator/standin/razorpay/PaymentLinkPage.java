package dev.seva.simulator.standin.razorpay;

/**
 * The hosted page of a payment link ({@code short_url}), plain HTML with nothing loaded from outside: the
 * amount, the description, a choice of UPI app, the outcome to simulate, and the pay button. Every value
 * from the link is escaped.
 */
final class PaymentLinkPage {

    private static final String STYLE = "body{font-family:system-ui,\"Noto Sans\",sans-serif;background:#f3f5f9;color:#1b2436;margin:0}"
            + "main{max-width:26rem;margin:2rem auto;background:#fff;border-radius:12px;padding:1.5rem;box-shadow:0 1px 4px #0002}"
            + "h1{font-size:1.4rem;margin:0 0 .5rem}.amount{font-size:2rem;font-weight:700;margin:.25rem 0 1rem}"
            + "fieldset{border:1px solid #ccd3e0;border-radius:8px;margin:0 0 1rem;padding:.75rem}label{display:block;margin:.35rem 0}"
            + "select{font:inherit;padding:.3rem}button{font:inherit;font-weight:600;background:#3266ff;color:#fff;border:0;"
            + "border-radius:8px;padding:.7rem 1.2rem;width:100%;cursor:pointer}button:focus-visible,select:focus-visible,"
            + "input:focus-visible{outline:3px solid #ffb000;outline-offset:2px}.sim{font-size:.8rem;color:#5a6478}";

    private PaymentLinkPage() {
    }

    static String form(String linkId, String amount, String description, String referenceId) {
        StringBuilder apps = new StringBuilder();
        String[][] choices = {{"gpay", "Google Pay"}, {"phonepe", "PhonePe"}, {"paytm", "Paytm"}, {"bhim", "BHIM"}};
        for (int i = 0; i < choices.length; i++) {
            apps.append("<label><input type=\"radio\" name=\"app\" value=\"").append(choices[i][0]).append('"')
                    .append(i == 0 ? " checked" : "").append("> ").append(choices[i][1]).append("</label>");
        }
        String outcomes = "<option value=\"success\" selected>success</option><option value=\"failure\">failure</option>"
                + "<option value=\"pending\">pending</option><option value=\"no_webhook\">no_webhook</option>"
                + "<option value=\"late_webhook\">late_webhook</option><option value=\"duplicate_webhook\">duplicate_webhook</option>";
        return page("Pay " + amount, "<h1>Pay " + escape(amount) + "</h1>"
                + (description == null ? "" : "<p id=\"description\">" + escape(description) + "</p>")
                + (referenceId == null ? "" : "<p>Reference <span id=\"reference\">" + escape(referenceId) + "</span></p>")
                + "<form method=\"post\" action=\"/razorpay/pay/" + escape(linkId) + "\">"
                + "<fieldset><legend>Pay with UPI</legend>" + apps + "</fieldset>"
                + "<p><label for=\"outcome\" class=\"sim\">Outcome to simulate</label><select id=\"outcome\" name=\"outcome\">"
                + outcomes + "</select></p>"
                + "<button type=\"submit\" id=\"pay\">Pay " + escape(amount) + "</button></form>"
                + "<p class=\"sim\">Razorpay payment page, played by the Seva WhatsApp simulator. No money moves.</p>");
    }

    static String message(String title, String text) {
        return page(title, "<h1 id=\"result\">" + escape(title) + "</h1><p>" + escape(text) + "</p>"
                + "<p class=\"sim\">Razorpay payment page, played by the Seva WhatsApp simulator.</p>");
    }

    private static String page(String title, String main) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, "
                + "initial-scale=1\"><title>" + escape(title) + " · Razorpay (simulator)</title><style>" + STYLE + "</style></head>"
                + "<body><main>" + main + "</main></body></html>";
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
