package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.seva.simulator.standin.Fixtures.at;
import static dev.seva.simulator.standin.Fixtures.chars;
import static dev.seva.simulator.standin.OrderFixtures.PARAMETERS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * order_details and order_status bodies that break the rules of Meta's Payments API (India) page are refused
 * with the Graph API's error envelope, code 100, and details naming the parameter (Meta documents no code
 * for these: 100 is the simulator's choice).
 */
class OrderMessagesTest extends StandInTest {

    static final String ORDER = PARAMETERS + "/order";

    record Case(String label, Consumer<ObjectNode> breakIt, String detailsContain) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Case> orderDetailsCases() {
        return Stream.of(
                new Case("reference_id missing", b -> at(b, PARAMETERS).remove("reference_id"), "['reference_id'] is required"),
                new Case("reference_id of 36 characters", b -> at(b, PARAMETERS).put("reference_id", chars(36)), "['reference_id'] must be 1 to 35"),
                new Case("reference_id with a space", b -> at(b, PARAMETERS).put("reference_id", "SEVA 123"), "['reference_id'] must be 1 to 35"),
                new Case("reference_id with a slash", b -> at(b, PARAMETERS).put("reference_id", "SEVA/123"), "English letters, digits, _, - and ."),
                new Case("currency USD", b -> at(b, PARAMETERS).put("currency", "USD"), "['currency'] must be one of {INR}"),
                new Case("total offset 1000", b -> at(b, PARAMETERS + "/total_amount").put("offset", 1000), "['total_amount']['offset'] must be 100"),
                new Case("total value as a string", b -> at(b, PARAMETERS + "/total_amount").put("value", "4500"), "['total_amount']['value'] must be an integer"),
                new Case("total value with decimals", b -> at(b, PARAMETERS + "/total_amount").put("value", 45.5), "must be an integer"),
                new Case("total value zero", b -> {
                    at(b, PARAMETERS + "/total_amount").put("value", 0);
                    at(b, ORDER + "/items/0/amount").put("value", 0);
                    at(b, ORDER + "/subtotal").put("value", 0);
                }, "['total_amount']['value'] must be positive"),
                new Case("total not subtotal + tax + shipping - discount", b -> at(b, PARAMETERS + "/total_amount").put("value", 4600),
                        "must equal subtotal + tax + shipping - discount: 4500, got 4600"),
                new Case("subtotal not the sum of the items", b -> at(b, ORDER + "/items/0").put("quantity", 2), "must equal the sum of the items"),
                new Case("tax missing", b -> at(b, ORDER).remove("tax"), "['order']['tax'] is required"),
                new Case("tax description of 61 characters", b -> at(b, ORDER + "/tax").put("description", chars(61)), "['tax']['description'] must be at most 60"),
                new Case("item offset 10", b -> at(b, ORDER + "/items/0/amount").put("offset", 10), "['items'][0]['amount']['offset'] must be 100"),
                new Case("item quantity 1.5", b -> at(b, ORDER + "/items/0").put("quantity", 1.5), "['items'][0]['quantity'] must be a positive integer"),
                new Case("item quantity missing", b -> at(b, ORDER + "/items/0").remove("quantity"), "['quantity'] is required"),
                new Case("item name of 61 characters", b -> at(b, ORDER + "/items/0").put("name", chars(61)), "['items'][0]['name'] must be at most 60"),
                new Case("item sale_amount not below its amount", b -> at(b, ORDER + "/items/0").putObject("sale_amount").put("value", 4500).put("offset", 100),
                        "['sale_amount']['value'] must be less than its amount"),
                new Case("no items", b -> at(b, ORDER).putArray("items"), "['items'][0] is required"),
                new Case("body of 1025 characters", b -> at(b, "/interactive/body").put("text", chars(1025)), "interactive['body']['text'] must be at most 1024"),
                new Case("footer of 61 characters", b -> at(b, "/interactive/footer").put("text", chars(61)), "interactive['footer']['text'] must be at most 60"),
                new Case("expiration 200 seconds ahead", b -> at(b, ORDER + "/expiration").put("timestamp",
                        Long.toString(Instant.now().plusSeconds(200).getEpochSecond())), "must be at least 300 seconds in the future"),
                new Case("expiration timestamp as a number", b -> at(b, ORDER + "/expiration").put("timestamp",
                        Instant.now().plusSeconds(3600).getEpochSecond()), "['timestamp'] must be a string of UTC epoch seconds"),
                new Case("expiration description of 121 characters", b -> at(b, ORDER + "/expiration").put("description", chars(121)),
                        "['expiration']['description'] must be at most 120"),
                new Case("order status captured", b -> at(b, ORDER).put("status", "captured"), "['order']['status'] must be one of {PENDING}"),
                new Case("payment setting of type payment_link", b -> at(b, PARAMETERS + "/payment_settings/0").put("type", "payment_link"),
                        "['payment_settings'][0]['type'] must be one of {PAYMENT_GATEWAY}"),
                new Case("payment_settings empty", b -> at(b, PARAMETERS).putArray("payment_settings"), "['payment_settings'][0] is required"),
                new Case("gateway payu (the simulator plays Razorpay)", b -> at(b, PARAMETERS + "/payment_settings/0/payment_gateway").put("type", "payu"),
                        "['payment_gateway']['type'] must be one of {RAZORPAY}"),
                new Case("configuration_name of 61 characters", b -> at(b, PARAMETERS + "/payment_settings/0/payment_gateway").put("configuration_name", chars(61)),
                        "['configuration_name'] must be at most 60"),
                new Case("configuration_name missing", b -> at(b, PARAMETERS + "/payment_settings/0/payment_gateway").remove("configuration_name"),
                        "['configuration_name'] is required"),
                new Case("razorpay receipt of 41 characters", b -> at(b, PARAMETERS + "/payment_settings/0/payment_gateway/razorpay").put("receipt", chars(41)),
                        "['razorpay']['receipt'] must be at most 40"),
                new Case("razorpay notes of 16 keys", b -> {
                    ObjectNode notes = at(b, PARAMETERS + "/payment_settings/0/payment_gateway/razorpay").putObject("notes");
                    for (int i = 0; i < 16; i++) {
                        notes.put("k" + i, "v");
                    }
                }, "['notes'] must have at most 15 keys"),
                new Case("razorpay note of 257 characters", b -> at(b, PARAMETERS + "/payment_settings/0/payment_gateway/razorpay/notes").put("department", chars(257)),
                        "['notes']['department'] must be at most 256"),
                new Case("action name review_order", b -> at(b, "/interactive/action").put("name", "review_order"), "['name'] must be one of {REVIEW_AND_PAY}"),
                new Case("parameters as a string", b -> at(b, "/interactive/action").put("parameters", "{}"), "['parameters'] must be a JSON object"),
                new Case("goods type missing", b -> at(b, PARAMETERS).remove("type"), "['type'] is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderDetailsCases")
    void refusesAnOrderDetailsBreakingMetasRulesWithCode100NamingTheField(Case c) {
        ObjectNode body = OrderFixtures.orderDetails(OrderFixtures.newReference(), "919800001001");
        c.breakIt().accept(body);

        assertRefused(http.postJson(MESSAGES, Fixtures.write(body)), c.detailsContain());
        assertThat(meta.sentTo("919800001001")).isEmpty();
    }

    static Stream<Case> orderStatusCases() {
        return Stream.of(
                new Case("status pending (only order_details sets it)", b -> at(b, PARAMETERS + "/order").put("status", "pending"),
                        "['order']['status'] must be one of"),
                new Case("description of 121 characters", b -> at(b, PARAMETERS + "/order").put("description", chars(121)),
                        "['order']['description'] must be at most 120"),
                new Case("action name review_and_pay", b -> at(b, "/interactive/action").put("name", "review_and_pay"), "must be one of {REVIEW_ORDER}"),
                new Case("body of 1025 characters", b -> at(b, "/interactive/body").put("text", chars(1025)), "must be at most 1024"),
                new Case("reference_id never sent to this citizen", b -> at(b, PARAMETERS).put("reference_id", "NEVER-SENT-1"),
                        "no order_details message with this reference_id was sent to this recipient"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderStatusCases")
    void refusesAnOrderStatusBreakingTheRulesWithCode100(Case c) {
        String reference = OrderFixtures.newReference();
        assertThat(http.postJson(MESSAGES, Fixtures.write(OrderFixtures.orderDetails(reference, "919800001002"))).status()).isEqualTo(200);
        ObjectNode body = OrderFixtures.orderStatus(reference, "919800001002", "completed");
        c.breakIt().accept(body);

        assertRefused(http.postJson(MESSAGES, Fixtures.write(body)), c.detailsContain());
    }

    @Test
    void refusesAReferenceIdTheBusinessUsedBefore() {
        String reference = OrderFixtures.newReference();
        Http.Answer first = http.postJson(MESSAGES, Fixtures.write(OrderFixtures.orderDetails(reference, "919800001003")));

        Http.Answer again = http.postJson(MESSAGES, Fixtures.write(OrderFixtures.orderDetails(reference, "919800001004")));

        assertThat(first.status()).isEqualTo(200);
        assertRefused(again, "'" + reference + "' was already used in an order_details message of this business");
    }

    @Test
    void acceptsAReferenceIdOfExactly35AllowedCharactersAndAnExpiryJustOver300Seconds() {
        String reference = ("A-b_9." + System.nanoTime() + "x".repeat(35)).substring(0, 35);
        ObjectNode body = OrderFixtures.orderDetails(reference, "919800001005");
        at(body, PARAMETERS + "/order/expiration").put("timestamp", Long.toString(Instant.now().plusSeconds(330).getEpochSecond()));

        Http.Answer answer = http.postJson(MESSAGES, Fixtures.write(body));

        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(200);
    }

    @Test
    void acceptsAnOrderNamingAnUnknownConfigurationAsTheRealPlatformDoes() {
        ObjectNode body = OrderFixtures.orderDetails(OrderFixtures.newReference(), "919800001006");
        at(body, PARAMETERS + "/payment_settings/0/payment_gateway").put("configuration_name", "no-such-configuration");

        assertThat(http.postJson(MESSAGES, Fixtures.write(body)).status()).isEqualTo(200);
    }

    private static void assertRefused(Http.Answer answer, String detailsContain) {
        JsonNode error = answer.json().path("error");
        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(400);
        assertThat(error.path("code").asInt()).isEqualTo(100);
        assertThat(error.path("type").asText()).isEqualTo("OAuthException");
        assertThat(error.path("message").asText()).isEqualTo("(#100) Invalid parameter");
        assertThat(error.at("/error_data/messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(error.at("/error_data/details").asText()).contains(detailsContain);
        assertThat(error.path("fbtrace_id").asText()).matches("[A-Za-z0-9_-]{23}");
    }
}
