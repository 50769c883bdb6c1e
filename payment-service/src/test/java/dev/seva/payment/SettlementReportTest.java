package dev.seva.payment;

import dev.seva.contracts.Topics;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import dev.seva.payment.domain.ReceiptNumbers;
import dev.seva.payment.domain.SettlementCsv;
import dev.seva.payment.support.GatewayStub;
import dev.seva.payment.support.GatewayStubResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import static dev.seva.payment.support.Payments.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** GET /reports/settlements.csv with real signed OIDC tokens (the OIDC test server): the treasury's day, lines and totals. */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "payment"))
@QuarkusTestResource(GatewayStubResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class SettlementReportTest {

    Devstack devstack;
    GatewayStub gateways;

    @BeforeEach
    void connect() {
        dev.seva.payment.support.Payments.connect(devstack);
    }

    @Test
    void reportHasALinePerPaymentAndRefundOfTheDayAndTheirTotal() throws Exception {
        String app = newApplication();
        String citizen = citizen();
        String first = app + "-1";
        String second = app + "-2";
        send(Topics.PAYMENTS_ORDERS, citizen, orderRequested(app, 1, citizen, 4500, Instant.now().plus(1, ChronoUnit.DAYS), true));
        send(Topics.PAYMENTS_ORDERS, citizen, orderRequested(app, 2, citizen, 4500, Instant.now().plus(1, ChronoUnit.DAYS), true));
        awaitEvent(second, "payment.order.opened");
        String suffix = app.substring(14);
        pay(first, "order_S1" + suffix, "pay_S1" + suffix);
        String receipt = awaitEvent(first, "payment.paid").path("receiptNumber").asText();
        pay(second, "order_S2" + suffix, "pay_S2" + suffix); // a duplicate: refunded
        await().atMost(Duration.ofSeconds(30)).until(() -> "pending".equals(text("SELECT status FROM refund WHERE payment_id = ?", "pay_S2" + suffix)));
        String refundId = text("SELECT gateway_refund_id FROM refund WHERE payment_id = ?", "pay_S2" + suffix);
        signedRazorpayWebhook("evt_rf_" + refundId, refundWebhook("refund.processed", refundId, "pay_S2" + suffix, "processed")).then().statusCode(200);
        awaitEvent(second, "payment.refunded");

        LocalDate today = LocalDate.now(ReceiptNumbers.INDIA);
        String csv = given().auth().oauth2(token("treasurer", "payments-treasury"))
                .get("/reports/settlements.csv?department=revenue&date=" + today)
                .then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("settlements-revenue-" + today + ".csv"))
                .extract().asString();

        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo(SettlementCsv.HEADER);
        assertThat(lines).anyMatch(l -> l.startsWith("payment," + receipt + "," + first + "," + app + ",rev-income-certificate,45.00,upi,order_S1"
                + suffix + ",pay_S1" + suffix + ",,"));
        assertThat(lines).anyMatch(l -> l.startsWith("refund,," + second + "," + app + ",rev-income-certificate,-45.00,,order_S2" + suffix
                + ",pay_S2" + suffix + "," + refundId + ","));
        String total = lines.get(lines.size() - 1);
        assertThat(total).startsWith("total,revenue " + today + ",");
        BigDecimal sum = lines.subList(1, lines.size() - 1).stream().map(l -> new BigDecimal(l.split(",", -1)[5])).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(new BigDecimal(total.split(",", -1)[5])).isEqualByComparingTo(sum);
        assertThat(Arrays.stream(csv.split("\r\n")).count()).isEqualTo(lines.size());
    }

    @Test
    void reportNeedsATokenAndTheTreasuryOrTheDepartmentsOwnOfficer() {
        String day = LocalDate.now(ReceiptNumbers.INDIA).toString();
        given().get("/reports/settlements.csv?department=revenue&date=" + day).then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"));
        given().auth().oauth2("not-a-jwt").get("/reports/settlements.csv?department=revenue&date=" + day).then().statusCode(401);
        given().auth().oauth2(token("officer.police", "dept-police-officer")).get("/reports/settlements.csv?department=revenue&date=" + day)
                .then().statusCode(403).contentType("application/problem+json").body("type", equalTo("https://seva.dev/problems/forbidden"));
        given().auth().oauth2(token("citizen", "user")).get("/reports/settlements.csv?department=revenue&date=" + day).then().statusCode(403);
        given().auth().oauth2(token("officer.revenue", "dept-revenue-officer")).get("/reports/settlements.csv?department=revenue&date=" + day)
                .then().statusCode(200);
        given().auth().oauth2(token("officer.revenue", "dept-revenue-officer")).get("/reports/settlements.csv?department=police&date=" + day)
                .then().statusCode(403);
        given().auth().oauth2(token("treasurer", "payments-treasury")).get("/reports/settlements.csv?department=revenue&date=07-12-2026")
                .then().statusCode(400).body("errors.field", hasItem("date"));
        given().auth().oauth2(token("treasurer", "payments-treasury")).get("/reports/settlements.csv?date=" + day)
                .then().statusCode(400).body("errors.field", hasItem("department"));
    }

    void pay(String orderId, String gatewayOrder, String payment) throws Exception {
        gateways.metaTransaction(orderId, gatewayOrder, payment, "success", 4500, null, null);
        send(Topics.WHATSAPP_PAYMENTS, "919876543210", whatsAppPayment(orderId, "captured", gatewayOrder, payment, "success"));
    }
}
