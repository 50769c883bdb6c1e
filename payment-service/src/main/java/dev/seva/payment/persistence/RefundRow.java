package dev.seva.payment.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A refund Seva asked for (table {@code refund}): one per payment, its idempotency key derived from the payment id. */
@Entity
@Table(name = "refund")
public class RefundRow extends PanacheEntityBase {

    public static final String REQUESTED = "requested";
    public static final String PENDING = "pending";
    public static final String PROCESSED = "processed";
    public static final String FAILED = "failed";

    @Id
    @Column(name = "payment_id")
    public String paymentId;

    @Column(name = "order_id", nullable = false)
    public String orderId;

    @Column(name = "idempotency_key", nullable = false)
    public String idempotencyKey;

    @Column(name = "gateway_order_id")
    public String gatewayOrderId;

    @Column(name = "amount_paise", nullable = false)
    public long amountPaise;

    @Column(name = "reason", nullable = false)
    public String reason;

    @Column(name = "status", nullable = false)
    public String status;

    @Column(name = "gateway_refund_id")
    public String gatewayRefundId;

    @Column(name = "failure_code")
    public String failureCode;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "submissions", nullable = false)
    public int submissions;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "processed_at")
    public Instant processedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean isFinal() {
        return PROCESSED.equals(status) || FAILED.equals(status);
    }
}
