package dev.seva.payment.persistence;

import dev.seva.payment.domain.OrderState;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An order (table {@code payment_order}, V1__payments.sql). No phone number, no name: the citizen is a pseudonym. */
@Entity
@Table(name = "payment_order")
public class OrderRow extends PanacheEntityBase {

    @Id
    @Column(name = "order_id")
    public String orderId;

    @Column(name = "application_ref", nullable = false)
    public String applicationRef;

    @Column(name = "department_id", nullable = false)
    public String departmentId;

    @Column(name = "service_id", nullable = false)
    public String serviceId;

    @Column(name = "citizen_ref", nullable = false)
    public String citizenRef;

    @Column(name = "purpose", nullable = false)
    public String purpose;

    @Column(name = "currency", nullable = false)
    public String currency;

    @Column(name = "amount_paise", nullable = false)
    public long amountPaise;

    @Column(name = "tax_paise", nullable = false)
    public long taxPaise;

    @Column(name = "refundable", nullable = false)
    public boolean refundable;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "phone_number_id", nullable = false)
    public String phoneNumberId;

    @Column(name = "payment_configuration", nullable = false)
    public String paymentConfiguration;

    @Column(name = "attempt", nullable = false)
    public int attempt;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false)
    public OrderState state;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "opened_announced", nullable = false)
    public boolean openedAnnounced;

    @Column(name = "payment_link_id")
    public String paymentLinkId;

    @Column(name = "payment_link_url")
    public String paymentLinkUrl;

    @Column(name = "receipt_number")
    public String receiptNumber;

    @Column(name = "paid_at")
    public Instant paidAt;

    @Column(name = "paid_amount_paise")
    public Long paidAmountPaise;

    @Column(name = "paid_payment_id")
    public String paidPaymentId;

    @Column(name = "gateway_order_id")
    public String gatewayOrderId;

    @Column(name = "method")
    public String method;

    @Column(name = "settled_by")
    public String settledBy;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    @Column(name = "withdrawn_reason")
    public String withdrawnReason;

    @Column(name = "expired_at")
    public Instant expiredAt;

    @Column(name = "reconciled_at")
    public Instant reconciledAt;

    @Column(name = "erased_at")
    public Instant erasedAt;

    /** Moves the order on, refusing a move the state machine does not allow. */
    public void moveTo(OrderState next, Instant now) {
        state = state.moveTo(next);
        updatedAt = now;
    }
}
