package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.seva.simulator.standin.ParamCheck.array;
import static dev.seva.simulator.standin.ParamCheck.atMost;
import static dev.seva.simulator.standin.ParamCheck.object;
import static dev.seva.simulator.standin.ParamCheck.oneOf;
import static dev.seva.simulator.standin.ParamCheck.param;
import static dev.seva.simulator.standin.ParamCheck.text;

/**
 * Checks the interactive part of {@code order_details} (action {@code review_and_pay}, PG mode) and
 * {@code order_status} (action {@code review_order}) as Meta's Payments API (India) page states the rules:
 * reference_id of 1–35 characters of [A-Za-z0-9_.-]; INR only; every amount {@code {value, offset:100}} with an
 * integer value; total = subtotal + tax + shipping − discount; subtotal = Σ (sale_amount or amount) × quantity;
 * tax required; item name ≤ 60; body ≤ 1024; footer ≤ 60; expiration at least 300 s ahead, its description
 * ≤ 120; order status {@code pending}; one {@code payment_gateway} setting of type razorpay with a
 * configuration_name ≤ 60, receipt ≤ 40, notes ≤ 15 of ≤ 256. Meta documents no error code for these: the
 * simulator answers 100 (Invalid parameter), naming the parameter in {@code error_data.details}.
 */
final class OrderMessageValidator {

    static final String PARAMETERS = "interactive['action']['parameters']";
    private static final Pattern REFERENCE_ID = Pattern.compile("^[A-Za-z0-9_.\\-]{1,35}$");
    private static final long MIN_EXPIRY_SECONDS = 300;
    private static final Set<String> NEW_STATUSES = Set.of("processing", "partially_shipped", "partially-shipped", "shipped",
            "completed", "canceled");
    private static final Set<String> UPI_APPS = Set.of("gpay", "phonepe", "paytm", "bhim", "amazonpay", "cred", "mobikwik");

    private OrderMessageValidator() {
    }

    static OrderMessage.Details details(JsonNode interactive, MediaCheck media) {
        JsonNode header = object(interactive, "header", "interactive", false);
        if (header != null) {
            String type = oneOf(header, "type", "interactive['header']", true, Set.of("image", "text", "document", "video"));
            if (type.equals("text")) {
                atMost(text(header, "text", "interactive['header']", true), 60, "interactive['header']['text']");
            } else {
                media.check(object(header, type, "interactive['header']", true), type);
            }
        }
        String body = bodyAndFooter(interactive);
        JsonNode parameters = parameters(interactive, "review_and_pay");
        String referenceId = referenceId(parameters);
        String goodsType = oneOf(parameters, "type", PARAMETERS, true, Set.of("digital-goods", "physical-goods"));
        oneOf(parameters, "currency", PARAMETERS, true, Set.of("INR"));
        long total = amount(parameters, "total_amount", PARAMETERS, true, true);

        JsonNode settings = array(parameters, "payment_settings", PARAMETERS, true);
        if (settings.isEmpty()) {
            throw ParamCheck.missing(param(PARAMETERS, "payment_settings") + "[0]");
        }
        String settingParam = param(param(PARAMETERS, "payment_settings"), 0);
        oneOf(settings.get(0), "type", settingParam, true, Set.of("payment_gateway"));
        String gatewayParam = param(settingParam, "payment_gateway");
        JsonNode gateway = object(settings.get(0), "payment_gateway", settingParam, true);
        String gatewayType = oneOf(gateway, "type", gatewayParam, true, Set.of("razorpay"));
        String configuration = text(gateway, "configuration_name", gatewayParam, true);
        atMost(configuration, 60, param(gatewayParam, "configuration_name"));
        JsonNode razorpay = object(gateway, "razorpay", gatewayParam, false);
        String receipt = null;
        ObjectNode notes = null;
        if (razorpay != null) {
            String razorpayParam = param(gatewayParam, "razorpay");
            receipt = text(razorpay, "receipt", razorpayParam, false);
            atMost(receipt, 40, param(razorpayParam, "receipt"));
            notes = notes(razorpay, param(razorpayParam, "notes"));
        }
        boolean upi = paymentOptions(gateway, gatewayParam);

        String orderParam = param(PARAMETERS, "order");
        JsonNode order = object(parameters, "order", PARAMETERS, true);
        oneOf(order, "status", orderParam, true, Set.of("pending"));
        oneOf(order, "type", orderParam, false, Set.of("quick_pay"));
        Long expiresAt = expiration(order, orderParam);
        ArrayNode items = (ArrayNode) array(order, "items", orderParam, true);
        if (items.isEmpty()) {
            throw ParamCheck.missing(param(orderParam, "items") + "[0]");
        }
        long itemsTotal = 0;
        for (int i = 0; i < items.size(); i++) {
            itemsTotal += item(items.get(i), param(param(orderParam, "items"), i));
        }
        long subtotal = amount(order, "subtotal", orderParam, true, false);
        if (subtotal != itemsTotal) {
            throw invalid(param(orderParam, "subtotal") + "['value'] must equal the sum of the items' (sale_amount or amount) x quantity: "
                    + itemsTotal + ", got " + subtotal + ".");
        }
        long tax = amount(order, "tax", orderParam, true, false);
        describedAtMost(order.get("tax"), param(orderParam, "tax"));
        long shipping = order.hasNonNull("shipping") ? amount(order, "shipping", orderParam, true, false) : 0;
        describedAtMost(order.get("shipping"), param(orderParam, "shipping"));
        long discount = order.hasNonNull("discount") ? amount(order, "discount", orderParam, true, false) : 0;
        describedAtMost(order.get("discount"), param(orderParam, "discount"));
        if (order.hasNonNull("discount")) {
            atMost(text(order.get("discount"), "discount_program_name", param(orderParam, "discount"), false), 60,
                    param(param(orderParam, "discount"), "discount_program_name"));
        }
        if (total != subtotal + tax + shipping - discount) {
            throw invalid(param(PARAMETERS, "total_amount") + "['value'] must equal subtotal + tax + shipping - discount: "
                    + (subtotal + tax + shipping - discount) + ", got " + total + ".");
        }
        return new OrderMessage.Details(referenceId, goodsType, configuration, gatewayType, receipt, notes, total, items.deepCopy(),
                expiresAt, body, upi);
    }

    static OrderMessage.StatusUpdate status(JsonNode interactive) {
        bodyAndFooter(interactive);
        JsonNode parameters = parameters(interactive, "review_order");
        String referenceId = referenceId(parameters);
        String orderParam = param(PARAMETERS, "order");
        JsonNode order = object(parameters, "order", PARAMETERS, true);
        String status = oneOf(order, "status", orderParam, true, NEW_STATUSES);
        String description = text(order, "description", orderParam, false);
        atMost(description, 120, param(orderParam, "description"));
        return new OrderMessage.StatusUpdate(referenceId, status, description);
    }

    /** Checks a media header part (the message validator's media rules). */
    interface MediaCheck {
        void check(JsonNode part, String type);
    }

    private static String bodyAndFooter(JsonNode interactive) {
        String body = text(object(interactive, "body", "interactive", true), "text", "interactive['body']", true);
        atMost(body, 1024, "interactive['body']['text']");
        JsonNode footer = object(interactive, "footer", "interactive", false);
        if (footer != null) {
            atMost(text(footer, "text", "interactive['footer']", true), 60, "interactive['footer']['text']");
        }
        return body;
    }

    private static JsonNode parameters(JsonNode interactive, String actionName) {
        JsonNode action = object(interactive, "action", "interactive", true);
        oneOf(action, "name", "interactive['action']", true, Set.of(actionName));
        return object(action, "parameters", "interactive['action']", true);
    }

    private static String referenceId(JsonNode parameters) {
        String referenceId = text(parameters, "reference_id", PARAMETERS, true);
        if (!REFERENCE_ID.matcher(referenceId).matches()) {
            throw invalid(param(PARAMETERS, "reference_id") + " must be 1 to 35 characters of English letters, digits, _, - and . (got "
                    + ParamCheck.length(referenceId) + " characters).");
        }
        return referenceId;
    }

    /** An amount {@code {value, offset}}: offset 100 (INR), value an integer, positive where asked. Answers the value. */
    private static long amount(JsonNode parent, String field, String parentParam, boolean required, boolean positive) {
        String p = param(parentParam, field);
        JsonNode amount = object(parent, field, parentParam, required);
        JsonNode offset = amount.get("offset");
        if (offset == null || offset.isNull()) {
            throw ParamCheck.missing(param(p, "offset"));
        }
        if (!offset.isIntegralNumber() || offset.asLong() != 100) {
            throw invalid(param(p, "offset") + " must be 100 for INR.");
        }
        JsonNode value = amount.get("value");
        if (value == null || value.isNull()) {
            throw ParamCheck.missing(param(p, "value"));
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw invalid(param(p, "value") + " must be an integer (the amount x 100).");
        }
        if (positive ? value.asLong() <= 0 : value.asLong() < 0) {
            throw invalid(param(p, "value") + " must be " + (positive ? "positive." : "zero or more."));
        }
        return value.asLong();
    }

    /** One item; answers (sale_amount or amount) x quantity. */
    private static long item(JsonNode item, String itemParam) {
        text(item, "retailer_id", itemParam, false);
        atMost(text(item, "name", itemParam, true), 60, param(itemParam, "name"));
        long amount = amount(item, "amount", itemParam, true, false);
        long price = amount;
        if (item.hasNonNull("sale_amount")) {
            price = amount(item, "sale_amount", itemParam, true, false);
            if (price >= amount) {
                throw invalid(param(itemParam, "sale_amount") + "['value'] must be less than its amount.");
            }
        }
        JsonNode quantity = item.get("quantity");
        if (quantity == null || quantity.isNull()) {
            throw ParamCheck.missing(param(itemParam, "quantity"));
        }
        if (!quantity.isIntegralNumber() || quantity.asLong() < 1) {
            throw invalid(param(itemParam, "quantity") + " must be a positive integer.");
        }
        return price * quantity.asLong();
    }

    private static void describedAtMost(JsonNode amount, String amountParam) {
        if (amount != null && amount.isObject()) {
            atMost(text(amount, "description", amountParam, false), 60, param(amountParam, "description"));
        }
    }

    private static Long expiration(JsonNode order, String orderParam) {
        String p = param(orderParam, "expiration");
        JsonNode expiration = object(order, "expiration", orderParam, false);
        if (expiration == null) {
            return null;
        }
        JsonNode timestamp = expiration.get("timestamp");
        if (timestamp == null || timestamp.isNull()) {
            throw ParamCheck.missing(param(p, "timestamp"));
        }
        if (!timestamp.isTextual() || !timestamp.asText().matches("[0-9]{1,12}")) {
            throw invalid(param(p, "timestamp") + " must be a string of UTC epoch seconds.");
        }
        long at = Long.parseLong(timestamp.asText());
        if (at < Instant.now().getEpochSecond() + MIN_EXPIRY_SECONDS) {
            throw invalid(param(p, "timestamp") + " must be at least 300 seconds in the future.");
        }
        atMost(text(expiration, "description", p, false), 120, param(p, "description"));
        return at;
    }

    private static ObjectNode notes(JsonNode razorpay, String notesParam) {
        JsonNode notes = razorpay.get("notes");
        if (notes == null || notes.isNull()) {
            return null;
        }
        if (!notes.isObject()) {
            throw invalid(notesParam + " must be a JSON object.");
        }
        if (notes.size() > 15) {
            throw invalid(notesParam + " must have at most 15 keys.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = notes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> note = it.next();
            if (!note.getValue().isTextual()) {
                throw invalid(param(notesParam, note.getKey()) + " must be a string.");
            }
            atMost(note.getValue().asText(), 256, param(notesParam, note.getKey()));
        }
        return (ObjectNode) notes.deepCopy();
    }

    /** {@code enabled_payment_options} ["upi"] or ["web"], {@code preferred_payment_methods} one UPI app; answers whether UPI is on. */
    private static boolean paymentOptions(JsonNode gateway, String gatewayParam) {
        JsonNode options = array(gateway, "enabled_payment_options", gatewayParam, false);
        boolean upi = true;
        if (options != null) {
            upi = false;
            for (JsonNode option : options) {
                if (!option.isTextual() || !Set.of("upi", "web").contains(option.asText())) {
                    throw invalid(param(gatewayParam, "enabled_payment_options") + " values must be upi or web.");
                }
                upi |= option.asText().equals("upi");
            }
        }
        JsonNode preferred = array(gateway, "preferred_payment_methods", gatewayParam, false);
        if (preferred != null) {
            if (preferred.size() > 1) {
                throw invalid(param(gatewayParam, "preferred_payment_methods") + " may name one app only.");
            }
            for (JsonNode method : preferred) {
                if (!UPI_APPS.contains(method.path("method").asText())) {
                    throw invalid(param(gatewayParam, "preferred_payment_methods") + "[0]['method'] must be one of " + UPI_APPS + ".");
                }
            }
        }
        return upi;
    }

    private static GraphException invalid(String details) {
        return new GraphException(GraphError.invalidParameter("Param " + details));
    }
}
