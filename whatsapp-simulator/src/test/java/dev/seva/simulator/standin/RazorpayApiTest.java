package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.simulator.standin.razorpay.RazorpayConfig;
import dev.seva.simulator.standin.razorpay.RazorpayFaults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Razorpay stand-in's API under /razorpay/v1: exact Basic auth, Razorpay's error envelope, the orders and
 * payments WhatsApp creates in PG mode, refunds with X-Refund-Idempotency, payment links and the recon report.
 */
class RazorpayApiTest {

    static final String MESSAGES = "/v23.0/106540352242922/messages";
    static final Duration WAIT = Duration.ofSeconds(10);

    static GraphApiStandIn meta;
    static Http http;
    static RazorpayApi razorpay;

    @BeforeAll
    static void start() {
        meta = GraphApiStandIn.start(0, StandInConfig.defaults().toBuilder().statusTiming(StandInConfig.StatusTiming.none()).build());
        http = new Http(meta.baseUrl());
        razorpay = new RazorpayApi(http);
    }

    @AfterAll
    static void stop() {
        meta.close();
    }

    /** A payment captured through WhatsApp: [reference_id, order id, payment id]. */
    static String[] capturedPayment(String citizen) {
        String reference = OrderFixtures.newReference();
        assertThat(http.postJson(MESSAGES, Fixtures.write(OrderFixtures.orderDetails(reference, citizen))).status()).isEqualTo(200);
        Http.Answer paid = http.postJson("/simulator/citizens/" + citizen + "/payments",
                "{\"referenceId\":\"" + reference + "\",\"app\":\"phonepe\",\"outcome\":\"success\"}");
        String paymentId = paid.json().get("pgTransactionId").asText();
        await().atMost(WAIT).until(() -> razorpay.get("/payments/" + paymentId).json().get("status").asText().equals("captured"));
        return new String[] {reference, paid.json().get("transactionId").asText(), paymentId};
    }

    static void assertError(Http.Answer answer, int status, String description, String field) {
        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(status);
        JsonNode error = answer.json().get("error");
        assertThat(error.get("code").asText()).isEqualTo("BAD_REQUEST_ERROR");
        assertThat(error.get("description").asText()).isEqualTo(description);
        assertThat(error.get("metadata").isObject()).isTrue();
        assertThat(error.has("source") && error.has("step") && error.has("reason")).isTrue();
        if (field != null) {
            assertThat(error.get("field").asText()).isEqualTo(field);
        }
    }

    static Stream<String> wrongAuthorizations() {
        String token = Base64.getEncoder().encodeToString((RazorpayConfig.DEFAULT_KEY_ID + ":" + RazorpayConfig.DEFAULT_KEY_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        String wrongSecret = Base64.getEncoder().encodeToString((RazorpayConfig.DEFAULT_KEY_ID + ":nope").getBytes(StandardCharsets.UTF_8));
        return Stream.of("", "BASIC " + token, "basic " + token, "Basic \"" + token + "\"", "Basic  " + token, "Basic " + wrongSecret,
                "Bearer " + token);
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("wrongAuthorizations")
    void refusesAnythingButTheExactBasicHeader(String authorization) {
        Map<String, String> headers = authorization.isEmpty() ? Map.of() : Map.of("Authorization", authorization);

        Http.Answer answer = http.call("GET", "/razorpay/v1/orders/order_AAAAAAAAAAAAAA", null, headers);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().toString()).isEqualTo("{\"error\":{\"code\":\"BAD_REQUEST_ERROR\",\"description\":\"Authentication failed\","
                + "\"source\":\"NA\",\"step\":\"NA\",\"reason\":\"NA\",\"metadata\":{}}}");
    }

    @Test
    void createsAndFetchesAnOrderAsRazorpayAnswersIt() {
        String receipt = "RCPT-" + System.nanoTime();
        Http.Answer created = razorpay.post("/orders", "{\"amount\":21000,\"currency\":\"INR\",\"receipt\":\"" + receipt
                + "\",\"notes\":{\"dept\":\"revenue\"},\"partial_payment\":false}");
        Http.Answer again = razorpay.post("/orders", "{\"amount\":21000,\"currency\":\"INR\",\"receipt\":\"" + receipt + "\"}");

        assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(200);
        JsonNode order = created.json();
        assertThat(order.fieldNames()).toIterable().containsExactly("id", "entity", "amount", "amount_paid", "amount_due", "currency",
                "receipt", "offer_id", "status", "attempts", "notes", "created_at");
        assertThat(order.get("id").asText()).matches("order_[A-Za-z0-9]{14}");
        assertThat(order.get("status").asText()).isEqualTo("created");
        assertThat(order.get("amount_due").asLong()).isEqualTo(21000);
        assertThat(order.get("notes").toString()).isEqualTo("{\"dept\":\"revenue\"}");
        assertThat(razorpay.get("/orders/" + order.get("id").asText()).json()).isEqualTo(order);
        assertError(again, 400, "Order receipt should be unique.", "receipt");
    }

    record Refusal(String label, String body, String description, String field) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Refusal> orderRefusals() {
        return Stream.of(
                new Refusal("amount 99 paise", "{\"amount\":99,\"currency\":\"INR\"}", "The amount must be at least INR 1.00.", "amount"),
                new Refusal("amount as a string", "{\"amount\":\"21000\",\"currency\":\"INR\"}", "The amount must be an integer.", "amount"),
                new Refusal("amount missing", "{\"currency\":\"INR\"}", "The amount field is required.", "amount"),
                new Refusal("currency missing", "{\"amount\":21000}", "The currency field is required.", "currency"),
                new Refusal("receipt of 41 characters", "{\"amount\":21000,\"currency\":\"INR\",\"receipt\":\"" + "r".repeat(41) + "\"}",
                        "The receipt may not be greater than 40 characters.", "receipt"),
                new Refusal("a field Razorpay does not take", "{\"amount\":21000,\"currency\":\"INR\",\"customer_id\":\"x\"}",
                        "customer_id is/are not required and should not be sent", "customer_id"),
                new Refusal("16 notes", "{\"amount\":21000,\"currency\":\"INR\",\"notes\":{" + String.join(",",
                        java.util.stream.IntStream.range(0, 16).mapToObj(i -> "\"k" + i + "\":\"v\"").toList()) + "}}",
                        "Number of notes should not be more than 15", "notes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderRefusals")
    void refusesAnOrderBreakingRazorpaysRules(Refusal r) {
        assertError(razorpay.post("/orders", r.body()), 400, r.description(), r.field());
    }

    @Test
    void answersUnknownIdsAndUrlsWith400() {
        for (String path : List.of("/orders/order_AAAAAAAAAAAAAA", "/orders/order_AAAAAAAAAAAAAA/payments", "/payments/pay_AAAAAAAAAAAAAA",
                "/refunds/rfnd_AAAAAAAAAAAAAA", "/payment_links/plink_AAAAAAAAAAAAAA")) {
            assertError(razorpay.get(path), 400, "The id provided does not exist", null);
        }
        assertError(razorpay.get("/invoices"), 400, "The requested URL was not found on the server.", null);
    }

    @Test
    void holdsTheOrderAndPaymentWhatsAppCreatedWithTheReceiptAndNotes() {
        String[] paid = capturedPayment("919800003001");

        JsonNode order = razorpay.get("/orders/" + paid[1]).json();
        JsonNode payments = razorpay.get("/orders/" + paid[1] + "/payments").json();
        JsonNode payment = razorpay.get("/payments/" + paid[2]).json();

        assertThat(order.get("receipt").asText()).isEqualTo(paid[0]);
        assertThat(order.get("notes").toString()).isEqualTo("{\"department\":\"revenue\",\"service\":\"rev-income-certificate\"}");
        assertThat(order.get("status").asText()).isEqualTo("paid");
        assertThat(order.get("amount_paid").asLong()).isEqualTo(4500);
        assertThat(payments.get("entity").asText()).isEqualTo("collection");
        assertThat(payments.get("count").asInt()).isEqualTo(1);
        assertThat(payments.at("/items/0")).isEqualTo(payment);
        assertThat(payment.get("order_id").asText()).isEqualTo(paid[1]);
        assertThat(payment.get("method").asText()).isEqualTo("upi");
        assertThat(payment.get("captured").asBoolean()).isTrue();
        assertThat(payment.get("vpa").asText()).isEqualTo("9800003001@ybl");
        assertThat(payment.get("contact").asText()).isEqualTo("+919800003001");
        assertThat(payment.at("/upi/vpa").asText()).isEqualTo("9800003001@ybl");
        assertThat(payment.get("fee").asLong()).isPositive();
    }

    @Test
    void refundsPartlyThenInFullAndProcessesEachRefund() {
        String paymentId = capturedPayment("919800003002")[2];

        Http.Answer partial = razorpay.refund(paymentId, "{\"amount\":1000,\"speed\":\"normal\",\"notes\":{\"reason\":\"overcharged\"}}", null);
        Http.Answer rest = razorpay.refund(paymentId, "", null);
        Http.Answer more = razorpay.refund(paymentId, "{\"amount\":100}", null);

        assertThat(partial.status()).as(String.valueOf(partial.json())).isEqualTo(200);
        assertThat(partial.json().fieldNames()).toIterable().containsExactly("id", "entity", "amount", "currency", "payment_id", "notes",
                "receipt", "acquirer_data", "created_at", "batch_id", "status", "speed_processed", "speed_requested");
        assertThat(partial.json().get("status").asText()).isEqualTo("pending");
        assertThat(rest.json().get("amount").asLong()).isEqualTo(3500);
        assertError(more, 400, "The payment has been fully refunded already", null);
        String id = partial.json().get("id").asText();
        await().atMost(WAIT).until(() -> razorpay.get("/refunds/" + id).json().get("status").asText().equals("processed"));
        JsonNode payment = razorpay.get("/payments/" + paymentId).json();
        assertThat(payment.get("status").asText()).isEqualTo("refunded");
        assertThat(payment.get("refund_status").asText()).isEqualTo("full");
        assertThat(razorpay.get("/payments/" + paymentId + "/refunds").json().get("count").asInt()).isEqualTo(2);
    }

    @Test
    void refusesARefundBelowOneRupeeOrAboveWhatIsLeft() {
        String paymentId = capturedPayment("919800003003")[2];

        assertError(razorpay.refund(paymentId, "{\"amount\":99}", null), 400, "The amount must be at least INR 1.00.", "amount");
        assertError(razorpay.refund(paymentId, "{\"amount\":4501}", null), 400, "The refund amount provided is greater than amount captured", "amount");
        assertError(razorpay.refund(paymentId, "{\"speed\":\"fast\"}", null), 400, "The selected speed is invalid.", "speed");
    }

    @Test
    void replaysARefundRetriedWithTheSameIdempotencyKeyAndBody() {
        String paymentId = capturedPayment("919800003004")[2];
        String key = "refund-" + System.nanoTime();

        Http.Answer first = razorpay.refund(paymentId, "{\"amount\":1000,\"notes\":{\"a\":\"1\"}}", key);
        Http.Answer retry = razorpay.refund(paymentId, "{\"notes\":{\"a\":\"1\"},\"amount\":1000}", key);
        Http.Answer different = razorpay.refund(paymentId, "{\"amount\":2000}", key);
        Http.Answer shortKey = razorpay.refund(paymentId, "{\"amount\":1000}", "short");

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.bytes()).isEqualTo(first.bytes());
        assertError(different, 400, "Different request with the same idempotency key has already been processed.", null);
        assertThat(shortKey.status()).isEqualTo(400);
        assertThat(razorpay.get("/payments/" + paymentId + "/refunds").json().get("count").asInt()).isEqualTo(1);
    }

    @Test
    void answers409ToAKeyWhoseFirstRequestIsStillInFlight() {
        String paymentId = capturedPayment("919800003005")[2];
        String key = "inflight-" + System.nanoTime();
        meta.razorpay().applyFaults(new RazorpayFaults(null, null, null, null, 600));
        try {
            CompletableFuture<Http.Answer> first = CompletableFuture.supplyAsync(() -> razorpay.refund(paymentId, "{\"amount\":1000}", key));
            await().atMost(WAIT).until(() -> meta.razorpay().payment(paymentId).orElseThrow().get("amount_refunded").asLong() == 1000);
            Http.Answer second = razorpay.refund(paymentId, "{\"amount\":1000}", key);

            assertThat(second.status()).isEqualTo(409);
            assertThat(first.join().status()).isEqualTo(200);
            assertThat(razorpay.refund(paymentId, "{\"amount\":1000}", key).bytes()).isEqualTo(first.join().bytes());
        } finally {
            meta.razorpay().resetFaults();
        }
    }

    static Stream<Refusal> linkRefusals() {
        long now = Instant.now().getEpochSecond();
        return Stream.of(
                new Refusal("reference_id of 41 characters", "{\"amount\":4500,\"reference_id\":\"" + "r".repeat(41) + "\"}",
                        "The reference_id may not be greater than 40 characters.", "reference_id"),
                new Refusal("expire_by 10 minutes ahead", "{\"amount\":4500,\"expire_by\":" + (now + 600) + "}",
                        "timestamp must be atleast 15 minutes in future", "expire_by"),
                new Refusal("expire_by 7 months ahead", "{\"amount\":4500,\"expire_by\":" + (now + 213L * 24 * 3600) + "}",
                        "expire_by cannot be more than 6 months from now", "expire_by"),
                new Refusal("callback_url without callback_method get", "{\"amount\":4500,\"callback_url\":\"https://seva.example/cb\"}",
                        "callback_method must be get when callback_url is given", "callback_method"),
                new Refusal("a UPI link in test mode", "{\"amount\":4500,\"upi_link\":true}",
                        "UPI Payment Links is not supported in Test Mode. Please experience the product in Live Mode.", "upi_link"),
                new Refusal("amount 50 paise", "{\"amount\":50}", "The amount must be at least INR 1.00.", "amount"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linkRefusals")
    void refusesAPaymentLinkBreakingRazorpaysRules(Refusal r) {
        assertError(razorpay.post("/payment_links", r.body()), 400, r.description(), r.field());
    }

    @Test
    void createsAPaymentLinkPaidOnItsPageOrByTheApiThenRedirectsWithASignedCallback() {
        String reference = "PL-" + System.nanoTime();
        Http.Answer created = razorpay.post("/payment_links", "{\"amount\":4500,\"currency\":\"INR\",\"reference_id\":\"" + reference
                + "\",\"description\":\"Income certificate fee\",\"customer\":{\"contact\":\"+919800003006\"},"
                + "\"callback_url\":\"https://seva.example/rzp/callback\",\"callback_method\":\"get\"}");
        String id = created.json().get("id").asText();
        Http.Answer page = http.get(created.json().get("short_url").asText(), null);
        Http.Answer reused = razorpay.post("/payment_links", "{\"amount\":4500,\"reference_id\":\"" + reference + "\"}");

        Http.Answer paid = http.postJson("/simulator/payment-links/" + id + "/pay", "{\"app\":\"gpay\",\"outcome\":\"success\"}");
        Http.Answer again = http.postJson("/simulator/payment-links/" + id + "/pay", "{}");

        assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(200);
        assertThat(id).matches("plink_[A-Za-z0-9]{14}");
        assertThat(created.json().get("short_url").asText()).isEqualTo(meta.baseUrl() + "/razorpay/pay/" + id);
        assertThat(created.json().get("status").asText()).isEqualTo("created");
        assertThat(created.json().get("payments").isNull()).isTrue();
        assertThat(new String(page.bytes(), StandardCharsets.UTF_8)).contains("Pay ₹45.00", "Income certificate fee", "name=\"app\"",
                "<label for=\"outcome\"");
        assertError(reused, 400, "payment link creation with reference ID already attempted", "reference_id");
        assertThat(paid.status()).as(String.valueOf(paid.json())).isEqualTo(200);
        String paymentId = paid.json().get("paymentId").asText();
        String signature = RazorpayReceiver.sign(RazorpayConfig.DEFAULT_KEY_SECRET,
                (id + "|" + reference + "|paid|" + paymentId).getBytes(StandardCharsets.UTF_8));
        assertThat(paid.json().get("callbackUrl").asText()).isEqualTo("https://seva.example/rzp/callback?razorpay_payment_id=" + paymentId
                + "&razorpay_payment_link_id=" + id + "&razorpay_payment_link_reference_id=" + reference
                + "&razorpay_payment_link_status=paid&razorpay_signature=" + signature);
        JsonNode link = razorpay.get("/payment_links/" + id).json();
        assertThat(link.get("status").asText()).isEqualTo("paid");
        assertThat(link.get("amount_paid").asLong()).isEqualTo(4500);
        assertThat(link.at("/payments/0/payment_id").asText()).isEqualTo(paymentId);
        assertThat(razorpay.get("/payments/" + paymentId).json().get("order_id").asText()).isEqualTo(link.get("order_id").asText());
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void paysALinkFromItsHostedPageAndRedirectsToTheCallback() {
        Http.Answer created = razorpay.post("/payment_links", "{\"amount\":10000,\"callback_url\":\"https://seva.example/cb?x=1\","
                + "\"callback_method\":\"get\"}");
        String id = created.json().get("id").asText();

        Http.Answer submitted = http.call("POST", "/razorpay/pay/" + id, null, Map.of("Content-Type", "application/x-www-form-urlencoded"));
        Http.Answer form = http.call("POST", "/razorpay/pay/" + id, null, Map.of());

        assertThat(submitted.status()).isEqualTo(303);
        assertThat(razorpay.get("/payment_links/" + id).json().get("status").asText()).isEqualTo("paid");
        assertThat(form.status()).isEqualTo(409);
    }

    @Test
    void reportsCapturedPaymentsAndProcessedRefundsInTheReconWithTheOrderReceipt() {
        String[] paid = capturedPayment("919800003007");
        String refundId = razorpay.refund(paid[2], "{\"amount\":500}", null).json().get("id").asText();
        await().atMost(WAIT).until(() -> razorpay.get("/refunds/" + refundId).json().get("status").asText().equals("processed"));
        ZonedDateTime today = ZonedDateTime.now(ZoneId.of("Asia/Kolkata"));

        JsonNode recon = razorpay.get("/settlements/recon/combined?year=" + today.getYear() + "&month=" + today.getMonthValue()
                + "&day=" + today.getDayOfMonth() + "&count=1000").json();

        JsonNode payment = find(recon, paid[2]);
        JsonNode refund = find(recon, refundId);
        assertThat(recon.get("entity").asText()).isEqualTo("collection");
        assertThat(payment.get("type").asText()).isEqualTo("payment");
        assertThat(payment.get("order_receipt").asText()).isEqualTo(paid[0]);
        assertThat(payment.get("order_id").asText()).isEqualTo(paid[1]);
        assertThat(payment.get("credit").asLong()).isEqualTo(4500 - payment.get("fee").asLong());
        assertThat(payment.get("settlement_id").asText()).matches("setl_[A-Za-z0-9]{14}");
        assertThat(refund.get("type").asText()).isEqualTo("refund");
        assertThat(refund.get("debit").asLong()).isEqualTo(500);
        assertThat(refund.get("payment_id").asText()).isEqualTo(paid[2]);
        assertThat(refund.get("order_receipt").asText()).isEqualTo(paid[0]);
        assertError(razorpay.get("/settlements/recon/combined?year=2026&month=13"), 400, "The month is not a valid month.", "month");
        assertError(razorpay.get("/settlements/recon/combined?month=6"), 400, "The year field is required.", "year");
    }

    private static JsonNode find(JsonNode collection, String entityId) {
        for (JsonNode item : collection.get("items")) {
            if (entityId.equals(item.get("entity_id").asText())) {
                return item;
            }
        }
        throw new AssertionError(entityId + " is not in the recon: " + collection);
    }
}
