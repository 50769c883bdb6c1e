package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

import static dev.seva.simulator.standin.ParamCheck.object;
import static dev.seva.simulator.standin.ParamCheck.oneOf;
import static dev.seva.simulator.standin.ParamCheck.text;

/**
 * A {@code POST /{phone-number-id}/payments_refund} body as Meta's page gives it:
 * {@code {"reference_id","speed"?: "instant"|"normal","payment_config_id","amount":{"currency":"INR","value":"100","offset":"100"}}}.
 * Meta types {@code value} and {@code offset} as strings; integers are taken too.
 */
record PaymentRefundRequest(String referenceId, String configuration, long value, boolean instant) {

    static PaymentRefundRequest parse(JsonNode body) {
        String referenceId = text(body, "reference_id", null, true);
        String speed = oneOf(body, "speed", null, false, Set.of("instant", "normal"));
        String configuration = text(body, "payment_config_id", null, true);
        JsonNode amount = object(body, "amount", null, true);
        oneOf(amount, "currency", "amount", true, Set.of("INR"));
        if (number(amount, "offset") != 100) {
            throw new GraphException(GraphError.invalidParameter("Param amount['offset'] must be 100 for INR."));
        }
        long value = number(amount, "value");
        if (value <= 0) {
            throw new GraphException(GraphError.invalidParameter("Param amount['value'] must be positive."));
        }
        return new PaymentRefundRequest(referenceId, configuration, value, "instant".equals(speed));
    }

    /** A whole number given as a string of digits (Meta's type) or as a JSON integer. */
    private static long number(JsonNode amount, String field) {
        JsonNode n = amount.get(field);
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isEmpty())) {
            throw ParamCheck.missing("amount['" + field + "']");
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.asLong();
        }
        if (n.isTextual() && n.asText().matches("[0-9]{1,15}")) {
            return Long.parseLong(n.asText());
        }
        throw new GraphException(GraphError.invalidParameter("Param amount['" + field + "'] must be a whole number."));
    }
}
