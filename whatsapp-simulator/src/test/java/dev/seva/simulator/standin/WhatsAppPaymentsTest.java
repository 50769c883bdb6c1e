package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.whatsapp.WebhookSigning;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A citizen pays an order_details message (PG mode, Razorpay): the gateway's order and payment are created,
 * the business gets Meta's signed payment status webhooks (pending, then captured, or a failed transaction),
 * and the payment lookup tells the truth whatever the webhooks did (none, late, twice).
 */
class WhatsAppPaymentsTest {

    static final String SECRET = "payments-webhook-secret";
    static final String MESSAGES = "/v23.0/106540352242922/messages";
    static final String LOOKUP = "/v23.0/106540352242922/payments/";
    static final Duration WAIT = Duration.ofSeconds(10);

    static WebhookReceiver gateway;
    static GraphApiStandIn meta;
    static Http http;

    @BeforeAll
    static void start() {
        gateway = new WebhookReceiver();
        meta = GraphApiStandIn.start(0, StandInConfig.defaults().toBuilder().appSecret(SECRET).webhookUrl(gateway.url())
                .webhookDelivery(new StandInConfig.WebhookDelivery(3, Duration.ofMillis(50)))
                .payments(new StandInConfig.Payments(Map.of("seva-razorpay", "Active", "seva-razorpay-old", "Needs Testing"), true,
                        Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(400), 1_000))
                .build());
        http = new Http(meta.baseUrl());
    }

    @AfterAll
    static void stop() {
        meta.close();
        gateway.close();
    }

    static String sendOrder(String citizen) {
        String reference = OrderFixtures.newReference();
        Http.Answer sent = http.postJson(MESSAGES, Fixtures.write(OrderFixtures.orderDetails(reference, citizen)));
        assertThat(sent.status()).as(String.valueOf(sent.json())).isEqualTo(200);
        return reference;
    }

    static Http.Answer pay(String citizen, String reference, String outcome) {
        return http.postJson("/simulator/citizens/" + citizen + "/payments",
                "{\"referenceId\":\"" + reference + "\",\"method\":\"upi\",\"app\":\"phonepe\",\"outcome\":\"" + outcome + "\"}");
    }

    static JsonNode lookup(String reference) {
        Http.Answer answer = http.get(LOOKUP + "seva-razorpay/" + reference);
        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(200);
        return answer.json().at("/payments/0");
    }

    static List<String> statuses(String reference) {
        return gateway.paymentStatusesOf(reference).stream()
                .map(s -> s.get("status").asText() + "/" + s.at("/payment/transaction/status").asText()).toList();
    }

    @Test
    void reportsAPaymentAsPendingThenCapturedSignedInMetasShape() {
        String reference = sendOrder("919800002001");

        Http.Answer paid = pay("919800002001", reference, "success");

        assertThat(paid.status()).as(String.valueOf(paid.json())).isEqualTo(200);
        assertThat(paid.json().get("transactionId").asText()).matches("order_[A-Za-z0-9]{14}");
        assertThat(paid.json().get("pgTransactionId").asText()).matches("pay_[A-Za-z0-9]{14}");
        await().atMost(WAIT).until(() -> statuses(reference).size() == 2);
        assertThat(statuses(reference)).containsExactly("pending/pending", "captured/success");
        for (WebhookReceiver.Received webhook : gateway.paymentWebhooksOf(reference)) {
            assertThat(webhook.signature()).isEqualTo(WebhookSigning.sign(SECRET, webhook.body()));
            assertThat(webhook.json().at("/entry/0/changes/0/field").asText()).isEqualTo("messages");
            assertThat(webhook.json().at("/entry/0/changes/0/value/metadata/phone_number_id").asText()).isEqualTo("106540352242922");
        }
        JsonNode captured = gateway.paymentStatusesOf(reference).get(1);
        assertThat(captured.fieldNames()).toIterable().containsExactly("id", "recipient_id", "type", "status", "payment", "timestamp");
        assertThat(captured.get("id").asText()).matches("[A-Za-z0-9]{27}");
        assertThat(captured.get("recipient_id").asText()).isEqualTo("919800002001");
        assertThat(captured.get("timestamp").isTextual()).isTrue();
        JsonNode payment = captured.get("payment");
        assertThat(payment.fieldNames()).toIterable().containsExactly("reference_id", "amount", "currency", "transaction", "receipt", "notes");
        assertThat(payment.get("amount").toString()).isEqualTo("{\"value\":4500,\"offset\":100}");
        assertThat(payment.get("receipt").asText()).isEqualTo(reference);
        assertThat(payment.get("notes").toString()).isEqualTo("{\"department\":\"revenue\",\"service\":\"rev-income-certificate\"}");
        JsonNode transaction = payment.get("transaction");
        assertThat(transaction.get("id").asText()).isEqualTo(paid.json().get("transactionId").asText());
        assertThat(transaction.get("pg_transaction_id").asText()).isEqualTo(paid.json().get("pgTransactionId").asText());
        assertThat(transaction.get("type").asText()).isEqualTo("razorpay");
        assertThat(transaction.get("created_timestamp").asText()).matches("[0-9]{10}");
        assertThat(transaction.get("created_timestamp").isTextual()).isTrue();
        assertThat(transaction.get("updated_timestamp").isTextual()).isTrue();
        assertThat(transaction.at("/method/type").asText()).isEqualTo("upi");
        assertThat(transaction.has("error")).isFalse();
    }

    @Test
    void reportsTheOrderMessagesOwnSentDeliveredAndReadStatuses() {
        String reference = OrderFixtures.newReference();
        String wamid = http.postJson(MESSAGES, Fixtures.write(OrderFixtures.orderDetails(reference, "919800002002")))
                .json().at("/messages/0/id").asText();

        await().atMost(WAIT).until(() -> gateway.statusesOf(wamid).size() == 3);
        assertThat(gateway.statusesOf(wamid)).extracting(s -> s.get("status").asText()).containsExactlyInAnyOrder("sent", "delivered", "read");
    }

    @Test
    void looksUpAnUnpaidOrderAsPendingWithoutTransactionsThenTheCapturedOneWithIntegerTimestamps() {
        String reference = sendOrder("919800002003");

        JsonNode before = lookup(reference);
        pay("919800002003", reference, "success");
        await().atMost(WAIT).until(() -> lookup(reference).get("status").asText().equals("captured"));
        JsonNode after = lookup(reference);

        assertThat(before.toString()).isEqualTo("{\"reference_id\":\"" + reference + "\",\"status\":\"pending\",\"currency\":\"INR\","
                + "\"amount\":{\"offset\":100,\"value\":4500},\"receipt\":\"" + reference + "\","
                + "\"notes\":{\"department\":\"revenue\",\"service\":\"rev-income-certificate\"}}");
        JsonNode transaction = after.at("/transactions/0");
        assertThat(after.get("transactions")).hasSize(1);
        assertThat(transaction.get("status").asText()).isEqualTo("success");
        assertThat(transaction.get("created_timestamp").isIntegralNumber()).isTrue();
        assertThat(transaction.get("updated_timestamp").isIntegralNumber()).isTrue();
        assertThat(transaction.get("amount").toString()).isEqualTo("{\"offset\":100,\"value\":4500}");
        assertThat(transaction.get("order_amount").toString()).isEqualTo("{\"offset\":100,\"value\":4500}");
        assertThat(transaction.get("pg_transaction_id").asText()).startsWith("pay_");
        assertThat(transaction.at("/method/type").asText()).isEqualTo("upi");
    }

    @Test
    void answersAnUnknownReferenceOrAnotherConfigurationWithMetasUnknownObjectError() {
        String reference = sendOrder("919800002004");

        Http.Answer unknown = http.get(LOOKUP + "seva-razorpay/NEVER-SENT-1");
        Http.Answer otherConfiguration = http.get(LOOKUP + "another-configuration/" + reference);

        for (Http.Answer answer : List.of(unknown, otherConfiguration)) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.json().at("/error/code").asInt()).isEqualTo(100);
            assertThat(answer.json().at("/error/error_subcode").asInt()).isEqualTo(33);
            assertThat(answer.json().at("/error/type").asText()).isEqualTo("GraphMethodException");
        }
    }

    @Test
    void leavesAFailedPaymentPayableAndTakesTheNextAttempt() {
        String reference = sendOrder("919800002005");

        pay("919800002005", reference, "failure");
        await().atMost(WAIT).until(() -> statuses(reference).size() == 2);
        JsonNode afterFailure = lookup(reference);
        pay("919800002005", reference, "success");
        await().atMost(WAIT).until(() -> statuses(reference).size() == 4);
        JsonNode afterSuccess = lookup(reference);

        assertThat(statuses(reference)).containsExactly("pending/pending", "pending/failed", "pending/pending", "captured/success");
        assertThat(gateway.paymentStatusesOf(reference).get(1).at("/payment/transaction/error").toString())
                .isEqualTo("{\"code\":\"BAD_REQUEST_ERROR\",\"reason\":\"incorrect_pin\"}");
        assertThat(afterFailure.get("status").asText()).isEqualTo("pending");
        assertThat(afterFailure.at("/transactions/0/status").asText()).isEqualTo("failed");
        assertThat(afterSuccess.get("status").asText()).isEqualTo("captured");
        assertThat(afterSuccess.get("transactions")).extracting(t -> t.get("status").asText()).containsExactly("failed", "success");
        String orderId = afterSuccess.at("/transactions/1/id").asText();
        assertThat(afterSuccess.at("/transactions/0/id").asText()).isEqualTo(orderId);
        assertThat(meta.razorpay().order(orderId).orElseThrow().get("status").asText()).isEqualTo("paid");
        assertThat(meta.razorpay().order(orderId).orElseThrow().get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void neverCapturesAPendingPayment() {
        String reference = sendOrder("919800002006");

        Http.Answer paid = pay("919800002006", reference, "pending");

        await().atMost(WAIT).until(() -> statuses(reference).size() == 1);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> statuses(reference).equals(List.of("pending/pending")));
        assertThat(lookup(reference).at("/transactions/0/status").asText()).isEqualTo("pending");
        assertThat(meta.razorpay().payment(paid.json().get("pgTransactionId").asText()).orElseThrow().get("status").asText()).isEqualTo("created");
    }

    @Test
    void capturesWithoutAnyWebhookWhenAskedSoTheLookupAndRazorpayStillTell() {
        String reference = sendOrder("919800002007");

        Http.Answer paid = pay("919800002007", reference, "no_webhook");

        await().atMost(WAIT).until(() -> lookup(reference).get("status").asText().equals("captured"));
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> statuses(reference).isEmpty());
        assertThat(meta.razorpay().payment(paid.json().get("pgTransactionId").asText()).orElseThrow().get("status").asText()).isEqualTo("captured");
    }

    @Test
    void reportsTheCaptureLateWhenAskedSo() {
        String reference = sendOrder("919800002008");

        pay("919800002008", reference, "late_webhook");

        await().atMost(WAIT).until(() -> lookup(reference).get("status").asText().equals("captured"));
        assertThat(statuses(reference)).doesNotContain("captured/success");
        await().atMost(WAIT).until(() -> statuses(reference).contains("captured/success"));
    }

    @Test
    void reportsTheCaptureTwiceWithTheSameBytesWhenAskedSo() {
        String reference = sendOrder("919800002009");

        pay("919800002009", reference, "duplicate_webhook");

        await().atMost(WAIT).until(() -> statuses(reference).size() == 3);
        List<WebhookReceiver.Received> webhooks = gateway.paymentWebhooksOf(reference);
        assertThat(statuses(reference)).containsExactly("pending/pending", "captured/success", "captured/success");
        assertThat(webhooks.get(2).body()).isEqualTo(webhooks.get(1).body());
    }

    @Test
    void refusesToPayAPaidACanceledAnExpiredOrAnUnknownOrderOrOneBeingPaid() {
        String paidRef = sendOrder("919800002010");
        pay("919800002010", paidRef, "success");
        Http.Answer inProgress = pay("919800002010", paidRef, "success");
        await().atMost(WAIT).until(() -> lookup(paidRef).get("status").asText().equals("captured"));
        String canceledRef = sendOrder("919800002010");
        http.postJson(MESSAGES, Fixtures.write(OrderFixtures.orderStatus(canceledRef, "919800002010", "canceled")));
        String expiredRef = OrderFixtures.newReference();
        meta.orders().register("106540352242922", "919800002010", false, "wamid.expired", new OrderMessage.Details(expiredRef, "digital-goods",
                "seva-razorpay", "razorpay", null, null, 4500, null, java.time.Instant.now().getEpochSecond() - 1, "body", true));

        assertThat(inProgress.status()).isEqualTo(409);
        assertThat(inProgress.json().get("type").asText()).isEqualTo("https://seva.dev/problems/payment-in-progress");
        assertThat(pay("919800002010", paidRef, "success").json().get("type").asText()).endsWith("/order-paid");
        assertThat(pay("919800002010", canceledRef, "success").json().get("type").asText()).endsWith("/order-canceled");
        assertThat(pay("919800002010", expiredRef, "success").json().get("type").asText()).endsWith("/order-expired");
        Http.Answer unknown = pay("919800002010", "NEVER-SENT-2", "success");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(pay("919800002011", paidRef, "success").status()).as("another citizen's order").isEqualTo(404);
        assertThat(lookup(paidRef).get("transactions")).hasSize(1);
    }

    @Test
    void failsThePaymentOfAnOrderWhoseConfigurationIsNotActive() {
        String reference = OrderFixtures.newReference();
        var body = OrderFixtures.orderDetails(reference, "919800002012");
        Fixtures.at(body, OrderFixtures.PARAMETERS + "/payment_settings/0/payment_gateway").put("configuration_name", "seva-razorpay-old");
        assertThat(http.postJson(MESSAGES, Fixtures.write(body)).status()).isEqualTo(200);

        Http.Answer paid = pay("919800002012", reference, "success");

        assertThat(paid.status()).isEqualTo(409);
        assertThat(paid.json().get("type").asText()).endsWith("/payment-configuration-unusable");
        await().atMost(WAIT).until(() -> statuses(reference).equals(List.of("pending/failed")));
        JsonNode looked = http.get(LOOKUP + "seva-razorpay-old/" + reference).json().at("/payments/0");
        assertThat(looked.get("status").asText()).isEqualTo("pending");
        assertThat(looked.at("/transactions/0/status").asText()).isEqualTo("failed");
        assertThat(looked.at("/transactions/0/error/reason").asText()).isEqualTo("payment_configuration_unavailable");
    }

    @Test
    void failsAUpiPaymentAboveFiveLakhRupeesAsMetaWarns() {
        String reference = OrderFixtures.newReference();
        var body = OrderFixtures.orderDetails(reference, "919800002018");
        for (String amount : List.of("/total_amount", "/order/items/0/amount", "/order/subtotal")) {
            Fixtures.at(body, OrderFixtures.PARAMETERS + amount).put("value", 50_000_100L);
        }
        assertThat(http.postJson(MESSAGES, Fixtures.write(body)).status()).isEqualTo(200);

        pay("919800002018", reference, "success");

        await().atMost(WAIT).until(() -> statuses(reference).size() == 2);
        assertThat(statuses(reference)).containsExactly("pending/pending", "pending/failed");
        assertThat(lookup(reference).at("/transactions/0/error/reason").asText()).isEqualTo("upi_transaction_limit_exceeded");
    }

    @Test
    void movesAnOrderAlongMetasStatusGraphAndReportsAWrongMoveAs2046() {
        String reference = sendOrder("919800002013");
        pay("919800002013", reference, "success");
        await().atMost(WAIT).until(() -> lookup(reference).get("status").asText().equals("captured"));

        String processing = statusMessage(reference, "919800002013", "processing");
        String completed = statusMessage(reference, "919800002013", "completed");
        String backToProcessing = statusMessage(reference, "919800002013", "processing");

        await().atMost(WAIT).until(() -> gateway.statusesOf(backToProcessing).size() == 1 && gateway.statusesOf(completed).size() == 3);
        assertThat(gateway.statusesOf(processing)).extracting(s -> s.get("status").asText()).contains("sent");
        JsonNode failed = gateway.statusesOf(backToProcessing).get(0);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.at("/errors/0/code").asInt()).isEqualTo(2046);
        assertThat(failed.at("/errors/0/title").asText()).isEqualTo("New order status was not correctly transitioned");
    }

    @Test
    void refusesToCancelAPaidOrderWith2047() {
        String reference = sendOrder("919800002014");
        pay("919800002014", reference, "success");
        await().atMost(WAIT).until(() -> lookup(reference).get("status").asText().equals("captured"));

        String cancel = statusMessage(reference, "919800002014", "canceled");

        await().atMost(WAIT).until(() -> gateway.statusesOf(cancel).size() == 1);
        assertThat(gateway.statusesOf(cancel).get(0).at("/errors/0/code").asInt()).isEqualTo(2047);
        assertThat(gateway.statusesOf(cancel).get(0).at("/errors/0/title").asText()).isEqualTo("Could not change order status to 'canceled'");
    }

    @Test
    void refundsThroughWhatsAppAndReportsTheRefundInTheNextPaymentStatus() {
        String reference = sendOrder("919800002015");
        pay("919800002015", reference, "success");
        await().atMost(WAIT).until(() -> lookup(reference).get("status").asText().equals("captured"));

        Http.Answer refund = http.postJson("/v23.0/106540352242922/payments_refund", "{\"reference_id\":\"" + reference + "\",\"speed\":\"normal\","
                + "\"payment_config_id\":\"seva-razorpay\",\"amount\":{\"currency\":\"INR\",\"value\":\"1000\",\"offset\":\"100\"}}");
        Http.Answer tooMuch = http.postJson("/v23.0/106540352242922/payments_refund", "{\"reference_id\":\"" + reference + "\","
                + "\"payment_config_id\":\"seva-razorpay\",\"amount\":{\"currency\":\"INR\",\"value\":\"3501\",\"offset\":\"100\"}}");

        assertThat(refund.status()).as(String.valueOf(refund.json())).isEqualTo(200);
        String id = refund.json().get("id").asText();
        assertThat(refund.json().toString()).isEqualTo("{\"id\":\"" + id + "\",\"status\":\"pending\",\"speed_processed\":\"normal\"}");
        assertThat(id).matches("rfnd_[A-Za-z0-9]{14}");
        await().atMost(WAIT).until(() -> statuses(reference).size() == 3);
        JsonNode refunded = gateway.paymentStatusesOf(reference).get(2);
        assertThat(refunded.get("status").asText()).isEqualTo("captured");
        assertThat(refunded.at("/payment/refunds/0/id").asText()).isEqualTo(id);
        assertThat(refunded.at("/payment/refunds/0/status").asText()).isEqualTo("success");
        assertThat(refunded.at("/payment/refunds/0/amount").toString()).isEqualTo("{\"value\":1000,\"offset\":100}");
        assertThat(refunded.at("/payment/refunds/0/created_timestamp").isTextual()).isTrue();
        assertThat(lookup(reference).at("/transactions/0/refunds/0/status").asText()).isEqualTo("success");
        assertThat(lookup(reference).at("/transactions/0/refunds/0/updated_timestamp").isIntegralNumber()).isTrue();
        JsonNode atRazorpay = meta.razorpay().payment(lookup(reference).at("/transactions/0/pg_transaction_id").asText()).orElseThrow();
        assertThat(atRazorpay.get("amount_refunded").asLong()).isEqualTo(1000);
        assertThat(atRazorpay.get("refund_status").asText()).isEqualTo("partial");
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.json().at("/error/code").asInt()).isEqualTo(100);
        assertThat(tooMuch.json().at("/error/error_data/details").asText()).contains("greater than amount captured");
    }

    @Test
    void refusesToRefundAnUnpaidOrder() {
        String reference = sendOrder("919800002016");

        Http.Answer refund = http.postJson("/v23.0/106540352242922/payments_refund", "{\"reference_id\":\"" + reference + "\","
                + "\"payment_config_id\":\"seva-razorpay\",\"amount\":{\"currency\":\"INR\",\"value\":\"1000\",\"offset\":\"100\"}}");

        assertThat(refund.status()).isEqualTo(400);
        assertThat(refund.json().at("/error/error_data/details").asText()).contains("has no captured payment");
    }

    @Test
    void answers131005WhileThePaymentsTermsArePending() {
        StandInConfig pendingTerms = StandInConfig.defaults().toBuilder()
                .payments(new StandInConfig.Payments(Map.of("seva-razorpay", "Active"), false, Duration.ofMillis(20), Duration.ofMillis(50),
                        Duration.ofMillis(300), 100)).build();
        try (GraphApiStandIn other = GraphApiStandIn.start(0, pendingTerms)) {
            Http.Answer answer = new Http(other.baseUrl()).postJson(MESSAGES,
                    Fixtures.write(OrderFixtures.orderDetails(OrderFixtures.newReference(), "919800002017")));

            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.json().at("/error/code").asInt()).isEqualTo(131005);
            assertThat(answer.json().at("/error/message").asText()).isEqualTo("(#131005) Access denied");
            assertThat(answer.json().at("/error/error_data/details").asText()).contains("Terms of Service acceptance pending");
        }
    }

    private static String statusMessage(String reference, String citizen, String status) {
        Http.Answer answer = http.postJson(MESSAGES, Fixtures.write(OrderFixtures.orderStatus(reference, citizen, status)));
        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(200);
        return answer.json().at("/messages/0/id").asText();
    }
}
