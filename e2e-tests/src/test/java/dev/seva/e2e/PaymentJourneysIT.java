package dev.seva.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fees paid in the chat (issue 17) through the whole platform: WhatsApp's payment sheet and Razorpay played by the
 * simulator, payment-service settling what they report, conversation-service sending the application on only once paid,
 * document-service's signed receipt, and the refund of a rejected application's refundable fee.
 */
class PaymentJourneysIT {

    static Platform platform;

    static final String PROPERTY_TAX = "mun-property-tax-payment";
    /** desk-service's sample data (Guntur): an open half-year bill of ₹1,846.00 for K. Lakshmi (the Chromium journey pays it). */
    static final String GUNTUR_ASSESSMENT = "1086012345";
    /** Another open Guntur bill, paid twice below. */
    static final String GUNTUR_SECOND_ASSESSMENT = "1086012346";
    /** A Guntur property with its bills paid. */
    static final String GUNTUR_NOTHING_DUE = "1086099999";

    @BeforeAll
    static void up() {
        platform = Platform.get();
    }

    /** A declined UPI payment: told, nothing reaches the department; paid again from the same message, the application goes on. */
    @Test
    void aFailedPaymentIsToldAndPaidAgainFromTheSameMessage() {
        Citizen uma = citizen();
        JsonNode definition = Citizen.get(platform.url("catalogue-service") + "/services/" + JourneysIT.INCOME);
        String reference = applyWithoutPaying(uma, JourneysIT.INCOME, "income certificate");
        String orderId = uma.awaitsPaymentRequest(reference);
        assertThat(orderId).isEqualTo(reference + "-1");

        uma.pays(orderId, "failure");
        uma.receives(Citizen.saying("did not go through"), "the failed payment told");
        assertThat(Kafka.read(List.of("dept.revenue.applications.v1"))).as("nothing reaches the department unpaid")
                .noneMatch(r -> r.value() != null && r.value().contains(reference));

        uma.pays(orderId, "success");
        uma.receives(m -> Citizen.orderReference(m, "order_status").equals(orderId), "the order completed");
        await().alias(reference + " on the department's topic, with its fee").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Kafka.read(List.of("dept.revenue.applications.v1")).stream()
                        .anyMatch(r -> r.value() != null && r.value().contains(reference) && r.value().contains("\"feePaid\"")));
        uma.receives(Citizen::isReceipt, "the signed receipt");
        assertThat(definition.path("feeRupees").asDouble()).isEqualTo(45.0);
    }

    /** APSRTC refunds the pass fee of a rejected application (the catalogue says so): the citizen is told, Razorpay refunds it. */
    @Test
    void aRejectedApplicationsRefundableFeeIsRefunded() {
        Citizen raju = citizen();
        String reference = BusPass.applyFor(platform, raju, BusPass.PLAIN_INSTITUTION);
        String apsrtc = DeskPage.token(platform.url("keycloak"), "officer.apsrtc");
        SecurityJourneysIT.awaitInTheDesk(reference, apsrtc);

        SecurityJourneysIT.act(reference, apsrtc, "{\"action\":\"reject\",\"reason\":\"The institution is not recognised by APSRTC.\"}");

        raju.receivesEach("the rejection and the refund", List.of(Citizen.saying("not recognised"), Citizen.saying("is being refunded")));
        raju.receives(Citizen.saying("has been refunded"), "the refund processed at Razorpay");
        JsonNode refunds = Citizen.get(platform.url("whatsapp-simulator") + "/simulator/razorpay/events");
        assertThat(refunds.toString()).as("Razorpay's refund.processed for the pass's fee").contains("refund.processed");
    }

    /**
     * Bills (issue 17): the amount due looked up at once from the Municipal desk's data; the same bill looked up twice and
     * paid twice is charged once (the department marks it paid on the first payment, rejects the second, and Razorpay
     * refunds it); a property with nothing due and a number the department does not know are told, nothing to pay.
     */
    @Test
    void aBillLookedUpAndPaidTwiceIsChargedOnceAndUnknownOrSettledNumbersAreTold() {
        Citizen lakshmi = citizen();
        lakshmi.say("en", "property tax");
        String first = looksUpBill(lakshmi, GUNTUR_SECOND_ASSESSMENT);
        String second = looksUpBill(lakshmi, GUNTUR_SECOND_ASSESSMENT);
        assertThat(second).isNotEqualTo(first);

        lakshmi.pays(first + "-1", "success");
        lakshmi.receives(Citizen.saying("recorded your payment"), "the department marked the bill paid");
        lakshmi.pays(second + "-1", "success");
        lakshmi.receivesEach("the second payment refused and refunded", List.of(Citizen.saying("already paid"), Citizen.saying("is being refunded")));
        lakshmi.receives(Citizen.saying("has been refunded"), "the refund processed at Razorpay");

        lakshmi.says("menu");
        lakshmi.receives(Citizen.offering("popular"), "the menu");
        asksFor(lakshmi, GUNTUR_NOTHING_DUE);
        lakshmi.receives(m -> Citizen.text(m).startsWith("✅ *Pay property tax"), "nothing due");
        lakshmi.says("menu");
        lakshmi.receives(Citizen.offering("popular"), "the menu");
        asksFor(lakshmi, "1086000001");
        lakshmi.receives(Citizen.saying("to try again"), "an unknown number");
    }

    /** Property tax for a Guntur assessment number: the bill shown (amount, period, due date) and its payment request. */
    private static String looksUpBill(Citizen citizen, String assessment) {
        asksFor(citizen, assessment);
        JsonNode bill = citizen.receives(Citizen.saying("Amount due"), "the bill for " + assessment);
        assertThat(Citizen.text(bill)).contains("₹", "Due by");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("SEVA-MUN-\\d{4}-\\d{6}").matcher(Citizen.text(bill));
        assertThat(m.find()).as(Citizen.text(bill)).isTrue();
        citizen.awaitsPaymentRequest(m.group());
        return m.group();
    }

    private static void asksFor(Citizen citizen, String assessment) {
        citizen.says("property tax");
        citizen.receives(m -> Citizen.choices(m).contains("svc:" + PROPERTY_TAX), "the search results");
        citizen.chooses("svc:" + PROPERTY_TAX);
        citizen.receives(Citizen.offering("apply"), "the service's details");
        citizen.taps("apply");
        citizen.receives(Citizen.saying("municipality"), "the municipality question");
        citizen.says("Guntur");
        citizen.receives(Citizen.saying("assessment number"), "the assessment number question");
        citizen.says(assessment);
        citizen.receives(Citizen.saying("Mobile"), "the mobile question");
        citizen.says("skip");
        citizen.receives(Citizen.saying("one moment"), "asking the department");
    }

    private static String applyWithoutPaying(Citizen citizen, String serviceId, String query) {
        citizen.say("en", query);
        JsonNode definition = Citizen.get(platform.url("catalogue-service") + "/services/" + serviceId);
        citizen.chooses("svc:" + serviceId);
        citizen.receives(Citizen.offering("apply"), "the service's details");
        citizen.taps("apply");
        JsonNode fields = definition.path("fields");
        for (int i = 0; i < fields.size(); i++) {
            citizen.receives(m -> Citizen.text(m).contains("(") || !Citizen.choices(m).isEmpty(), "question " + (i + 1));
            Fields.answer(citizen, fields.get(i));
        }
        citizen.receives(Citizen.offering("confirm"), "the summary");
        citizen.taps("confirm");
        JsonNode confirmation = citizen.receives(m -> BusPass.REFERENCE.matcher(Citizen.text(m)).find(), "the reference number");
        java.util.regex.Matcher m = BusPass.REFERENCE.matcher(Citizen.text(confirmation));
        assertThat(m.find()).isTrue();
        return m.group();
    }

    static Citizen citizen() {
        return new Citizen(platform.url("whatsapp-simulator"), "9177" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000)));
    }

    static final Map<String, String> NONE = Map.of();
}
