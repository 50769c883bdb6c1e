package dev.seva.simulator.standin.razorpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Checks request bodies as Razorpay does, with its error envelope naming the field: a field it does not
 * take ("… is/are not required and should not be sent"), amounts (integers of at least 100 paise), a
 * receipt or reference id of at most 40 characters, notes of at most 15 keys of at most 256 characters.
 */
final class RazorpayRequests {

    record OrderRequest(long amount, String currency, String receipt, ObjectNode notes, boolean partialPayment) {
    }

    record RefundRequest(Long amount, String speed, ObjectNode notes, String receipt) {
    }

    record LinkRequest(long amount, String currency, boolean acceptPartial, Long expireBy, String referenceId, String description,
                       ObjectNode customer, ObjectNode notifications, boolean reminderEnable, ObjectNode notes, String callbackUrl,
                       String callbackMethod) {
    }

    private static final Set<String> ORDER_FIELDS = Set.of("amount", "currency", "receipt", "notes", "partial_payment",
            "first_payment_min_amount");
    private static final Set<String> REFUND_FIELDS = Set.of("amount", "speed", "notes", "receipt");
    private static final Set<String> LINK_FIELDS = Set.of("amount", "currency", "accept_partial", "first_min_partial_amount",
            "expire_by", "reference_id", "description", "customer", "notify", "reminder_enable", "notes", "callback_url",
            "callback_method", "upi_link", "options");
    static final long MIN_LINK_EXPIRY_SECONDS = 15 * 60;
    static final long MAX_LINK_EXPIRY_SECONDS = 183L * 24 * 3600;

    private RazorpayRequests() {
    }

    static OrderRequest order(JsonNode body) {
        onlyFields(body, ORDER_FIELDS);
        long amount = amount(body, true);
        String currency = currency(body, true);
        String receipt = string(body, "receipt", 40);
        boolean partial = bool(body, "partial_payment");
        if (!partial && body.has("first_payment_min_amount")) {
            throw notTaken("first_payment_min_amount");
        }
        return new OrderRequest(amount, currency, receipt, notes(body), partial);
    }

    static RefundRequest refund(JsonNode body) {
        onlyFields(body, REFUND_FIELDS);
        Long amount = body.has("amount") ? amount(body, true) : null;
        String speed = string(body, "speed", 20);
        if (speed != null && !speed.equals("normal") && !speed.equals("optimum")) {
            throw RazorpayError.badRequest("The selected speed is invalid.", "speed").refused();
        }
        return new RefundRequest(amount, speed, notes(body), string(body, "receipt", 40));
    }

    static LinkRequest paymentLink(JsonNode body, String keyId, long now) {
        onlyFields(body, LINK_FIELDS);
        long amount = amount(body, true);
        String currency = body.has("currency") ? currency(body, false) : "INR";
        boolean upiLink = bool(body, "upi_link");
        if (upiLink && keyId.startsWith("rzp_test_")) {
            throw RazorpayError.badRequest("UPI Payment Links is not supported in Test Mode. Please experience the product in Live Mode.",
                    "upi_link").refused();
        }
        Long expireBy = null;
        if (body.has("expire_by")) {
            JsonNode e = body.get("expire_by");
            if (!e.canConvertToLong() || !e.isIntegralNumber()) {
                throw RazorpayError.badRequest("The expire by must be an integer.", "expire_by").refused();
            }
            expireBy = e.asLong();
            if (expireBy < now + MIN_LINK_EXPIRY_SECONDS) {
                throw RazorpayError.badRequest("timestamp must be atleast 15 minutes in future", "expire_by").refused();
            }
            if (expireBy > now + MAX_LINK_EXPIRY_SECONDS) {
                throw RazorpayError.badRequest("expire_by cannot be more than 6 months from now", "expire_by").refused();
            }
        }
        String callbackUrl = string(body, "callback_url", 2048);
        String callbackMethod = string(body, "callback_method", 10);
        if (callbackUrl != null) {
            if (!"get".equals(callbackMethod)) {
                throw RazorpayError.badRequest("callback_method must be get when callback_url is given", "callback_method").refused();
            }
            try {
                URI uri = URI.create(callbackUrl);
                if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw RazorpayError.badRequest("The callback url format is invalid.", "callback_url").refused();
            }
        }
        return new LinkRequest(amount, currency, bool(body, "accept_partial"), expireBy, string(body, "reference_id", 40),
                string(body, "description", 2048), object(body, "customer"), object(body, "notify"), bool(body, "reminder_enable"),
                notes(body), callbackUrl, callbackMethod);
    }

    // ------------------------------------------------------------------ fields

    private static void onlyFields(JsonNode body, Set<String> allowed) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw notTaken(field);
            }
        }
    }

    private static RazorpayError.Refused notTaken(String field) {
        return RazorpayError.badRequest(field + " is/are not required and should not be sent", field).refused();
    }

    private static long amount(JsonNode body, boolean required) {
        JsonNode amount = body.get("amount");
        if (amount == null || amount.isNull()) {
            if (required) {
                throw RazorpayError.badRequest("The amount field is required.", "amount").refused();
            }
            return 0;
        }
        if (!amount.isIntegralNumber() || !amount.canConvertToLong()) {
            throw RazorpayError.badRequest("The amount must be an integer.", "amount").refused();
        }
        if (amount.asLong() < 100) {
            throw RazorpayError.badRequest("The amount must be at least INR 1.00.", "amount").refused();
        }
        return amount.asLong();
    }

    private static String currency(JsonNode body, boolean required) {
        String currency = string(body, "currency", 3);
        if (currency == null) {
            if (required) {
                throw RazorpayError.badRequest("The currency field is required.", "currency").refused();
            }
            return "INR";
        }
        if (!currency.equals("INR")) {
            throw RazorpayError.badRequest("Currency is not supported", "currency").refused();
        }
        return currency;
    }

    private static String string(JsonNode body, String field, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw RazorpayError.badRequest("The " + field + " must be a string.", field).refused();
        }
        if (value.asText().codePointCount(0, value.asText().length()) > max) {
            throw RazorpayError.badRequest("The " + field + " may not be greater than " + max + " characters.", field).refused();
        }
        return value.asText();
    }

    private static boolean bool(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isInt() && (value.asInt() == 0 || value.asInt() == 1)) {
            return value.asInt() == 1;
        }
        throw RazorpayError.badRequest("The " + field + " field must be true or false.", field).refused();
    }

    private static ObjectNode object(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw RazorpayError.badRequest("The " + field + " must be an object.", field).refused();
        }
        return (ObjectNode) value.deepCopy();
    }

    /** At most 15 notes, each a string or number of at most 256 characters. */
    static ObjectNode notes(JsonNode body) {
        JsonNode value = body.get("notes");
        if (value == null || value.isNull() || (value.isArray() && value.isEmpty())) {
            return null;
        }
        if (!value.isObject()) {
            throw RazorpayError.badRequest("The notes must be an object of key-value pairs.", "notes").refused();
        }
        if (value.size() > 15) {
            throw RazorpayError.badRequest("Number of notes should not be more than 15", "notes").refused();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> note = it.next();
            if (!(note.getValue().isTextual() || note.getValue().isNumber())) {
                throw RazorpayError.badRequest("notes." + note.getKey() + " must be a string.", "notes").refused();
            }
            String text = note.getValue().asText();
            if (text.codePointCount(0, text.length()) > 256) {
                throw RazorpayError.badRequest("notes." + note.getKey() + ": the length must not be greater than 256.", "notes").refused();
            }
        }
        return (ObjectNode) value.deepCopy();
    }
}
