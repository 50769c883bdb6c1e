package dev.seva.payment.domain;

import org.junit.jupiter.api.Test;

import static dev.seva.payment.domain.CaptureRules.Outcome.HONOUR;
import static dev.seva.payment.domain.CaptureRules.Outcome.NOTHING;
import static dev.seva.payment.domain.CaptureRules.Outcome.REFUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The order's state machine and what a capture or a withdrawal does in each state. */
class OrderStateTest {

    @Test
    void openOrderMayBePaidExpiredWithdrawnOrSuperseded() {
        assertThat(OrderState.OPEN.canMoveTo(OrderState.PAID)).isTrue();
        assertThat(OrderState.OPEN.canMoveTo(OrderState.EXPIRED)).isTrue();
        assertThat(OrderState.OPEN.canMoveTo(OrderState.WITHDRAWN)).isTrue();
        assertThat(OrderState.OPEN.canMoveTo(OrderState.SUPERSEDED)).isTrue();
    }

    @Test
    void paidOrderIsNeverPaidAgainNorExpiredAndOnlyAWithdrawalEndsIt() {
        assertThat(OrderState.PAID.canMoveTo(OrderState.PAID)).isFalse();
        assertThat(OrderState.PAID.canMoveTo(OrderState.EXPIRED)).isFalse();
        assertThat(OrderState.PAID.canMoveTo(OrderState.OPEN)).isFalse();
        assertThat(OrderState.PAID.canMoveTo(OrderState.WITHDRAWN)).isTrue();
        assertThatThrownBy(() -> OrderState.PAID.moveTo(OrderState.EXPIRED)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PAID").hasMessageContaining("EXPIRED");
    }

    @Test
    void withdrawnAndSupersededOrdersAreFinal() {
        for (OrderState next : OrderState.values()) {
            assertThat(OrderState.WITHDRAWN.canMoveTo(next)).isFalse();
            assertThat(OrderState.SUPERSEDED.canMoveTo(next)).isFalse();
        }
        assertThat(OrderState.EXPIRED.canMoveTo(OrderState.PAID)).as("a late capture may still be honoured").isTrue();
        assertThat(OrderState.EXPIRED.canMoveTo(OrderState.OPEN)).isFalse();
    }

    @Test
    void captureIsHonouredOnlyWhenTheApplicationHasNoOtherPaidOrder() {
        assertThat(CaptureRules.decide(OrderState.OPEN, null, "pay_1", false).outcome()).isEqualTo(HONOUR);
        assertThat(CaptureRules.decide(OrderState.EXPIRED, null, "pay_1", false).outcome()).isEqualTo(HONOUR);
        assertThat(CaptureRules.decide(OrderState.OPEN, null, "pay_1", true)).isEqualTo(new CaptureRules.Decision(REFUND, "duplicate_payment"));
        assertThat(CaptureRules.decide(OrderState.EXPIRED, null, "pay_1", true)).isEqualTo(new CaptureRules.Decision(REFUND, "duplicate_payment"));
        assertThat(CaptureRules.decide(OrderState.SUPERSEDED, null, "pay_1", true).refundReason()).isEqualTo("duplicate_payment");
    }

    @Test
    void theSamePaymentSeenAgainDoesNothingAndAnotherOnAPaidOrderIsADuplicate() {
        assertThat(CaptureRules.decide(OrderState.PAID, "pay_1", "pay_1", false).outcome()).isEqualTo(NOTHING);
        assertThat(CaptureRules.decide(OrderState.PAID, "pay_1", "pay_2", false)).isEqualTo(new CaptureRules.Decision(REFUND, "duplicate_payment"));
    }

    @Test
    void captureOnAWithdrawnOrderIsRefundedAsWithdrawnUnlessTheApplicationIsPaidElsewhere() {
        assertThat(CaptureRules.decide(OrderState.WITHDRAWN, null, "pay_1", false)).isEqualTo(new CaptureRules.Decision(REFUND, "order_withdrawn"));
        assertThat(CaptureRules.decide(OrderState.WITHDRAWN, null, "pay_1", true)).isEqualTo(new CaptureRules.Decision(REFUND, "duplicate_payment"));
        assertThat(CaptureRules.decide(OrderState.WITHDRAWN, "pay_1", "pay_1", false).outcome()).as("refunded by the withdrawal itself")
                .isEqualTo(NOTHING);
    }

    @Test
    void withdrawalRefundsOnlyAPaidRefundableFeeOfAWithdrawnApplication() {
        assertThat(WithdrawalRules.decide(OrderState.OPEN, "citizen_cancelled", false)).isEqualTo(WithdrawalRules.Outcome.WITHDRAW);
        assertThat(WithdrawalRules.decide(OrderState.PAID, "application_withdrawn", true)).isEqualTo(WithdrawalRules.Outcome.REFUND_AND_WITHDRAW);
        assertThat(WithdrawalRules.decide(OrderState.PAID, "application_withdrawn", false)).isEqualTo(WithdrawalRules.Outcome.NOTHING);
        assertThat(WithdrawalRules.decide(OrderState.PAID, "application_rejected", true)).isEqualTo(WithdrawalRules.Outcome.REFUND_AND_WITHDRAW);
        assertThat(WithdrawalRules.decide(OrderState.PAID, "application_rejected", false)).isEqualTo(WithdrawalRules.Outcome.NOTHING);
        assertThat(WithdrawalRules.decide(OrderState.PAID, "citizen_cancelled", true)).isEqualTo(WithdrawalRules.Outcome.NOTHING);
        assertThat(WithdrawalRules.decide(OrderState.PAID, "erased", true)).isEqualTo(WithdrawalRules.Outcome.NOTHING);
        assertThat(WithdrawalRules.decide(OrderState.WITHDRAWN, "application_withdrawn", true)).isEqualTo(WithdrawalRules.Outcome.NOTHING);
    }
}
