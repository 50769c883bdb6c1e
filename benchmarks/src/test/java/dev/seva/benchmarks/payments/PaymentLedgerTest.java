package dev.seva.benchmarks.payments;

import dev.seva.simulator.standin.GraphApiStandIn;
import dev.seva.simulator.standin.StandInConfig;
import dev.seva.simulator.standin.razorpay.Delivery;
import dev.seva.simulator.standin.razorpay.Razorpay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger check against a real Razorpay stand-in (no webhooks: payments made and captured through its Java API). */
class PaymentLedgerTest {

    private GraphApiStandIn standIn;
    private Razorpay razorpay;
    private final Instant since = Instant.now();
    private final Map<String, String> paidByLoad = new HashMap<>();
    private final Map<String, Set<String>> onTopic = new HashMap<>();

    @BeforeEach
    void start() {
        standIn = GraphApiStandIn.start(0, StandInConfig.defaults());
        razorpay = standIn.razorpay();
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void passesWhenEveryOrderIsPaidOnceUnpaidOrRefunded() throws Exception {
        String paid = capture("SEVA-REV-2026-000001-1");
        sent("SEVA-REV-2026-000001-1", "evt-1");
        paidByLoad.put("SEVA-REV-2026-000002-1", "failure");
        razorpay.refund(capture("SEVA-REV-2026-000003-1"), null, "normal", null, null);
        paidByLoad.put("SEVA-REV-2026-000004-1", "");

        String report = report();

        assertThat(paid).startsWith("pay_");
        assertThat(report).contains("| paid once (captured − refunded = 1, on the department topic once with feePaid) | 1 |")
                .contains("| failed or unpaid (nothing captured, not on the department topic) | 2 |")
                .contains("| refunded (captured = refunded) | 1 |")
                .contains("**Ledger check: PASS**");
    }

    @Test
    void failsNamingTheOrdersLostChargedTwiceOrSentUnpaid() throws Exception {
        capture("SEVA-REV-2026-000010-1");                    // captured, never reached the department
        capture("SEVA-REV-2026-000011-1");
        capture("SEVA-REV-2026-000011-1");                    // the same order charged twice
        sent("SEVA-REV-2026-000011-1", "evt-11");
        paidByLoad.put("SEVA-REV-2026-000012-1", "failure");  // nothing captured, yet on the topic
        sent("SEVA-REV-2026-000012-1", "evt-12");

        String report = report();

        assertThat(report).contains("**Ledger check: FAIL** (1 lost, 1 charged twice, 1 sent unpaid)")
                .contains("LOST: SEVA-REV-2026-000010-1")
                .contains("CHARGED_TWICE: SEVA-REV-2026-000011-1")
                .contains("SENT_UNPAID: SEVA-REV-2026-000012-1");
    }

    @Test
    void failsAnApplicationSentTwiceForOnePayment() throws Exception {
        capture("SEVA-REV-2026-000020-1");
        sent("SEVA-REV-2026-000020-1", "evt-a");
        sent("SEVA-REV-2026-000020-1", "evt-b");

        assertThat(report()).contains("**Ledger check: FAIL** (1 sent twice)");
    }

    /** A WhatsApp PG payment on a new gateway order with this receipt, captured; answers the payment id. */
    private String capture(String order) {
        paidByLoad.put(order, "success");
        String gatewayOrder = razorpay.createOrderForWhatsApp(4500, order, null);
        String payment = razorpay.startPayment(gatewayOrder, "upi", "gpay", "+919876543210");
        razorpay.capture(payment, Delivery.NORMAL);
        return payment;
    }

    private void sent(String order, String eventId) {
        onTopic.computeIfAbsent(order, o -> new HashSet<>()).add(eventId);
    }

    private String report() throws Exception {
        return PaymentLedger.read(standIn.baseUrl(), standIn.config().razorpay(), since).report(paidByLoad, onTopic, razorpay);
    }
}
