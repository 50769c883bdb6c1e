package dev.seva.payment.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A payment attempt seen at a gateway (table {@code payment_attempt}): one per gateway payment id. */
@Entity
@Table(name = "payment_attempt")
public class AttemptRow extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String FAILED = "failed";
    public static final String CAPTURED = "captured";
    public static final String HONOURED = "honoured";
    public static final String REFUND = "refund";
    public static final String IGNORED = "ignored";

    @Id
    @Column(name = "attempt_key")
    public String attemptKey;

    @Column(name = "order_id", nullable = false)
    public String orderId;

    @Column(name = "gateway_order_id")
    public String gatewayOrderId;

    @Column(name = "gateway_payment_id")
    public String gatewayPaymentId;

    @Column(name = "status", nullable = false)
    public String status;

    @Column(name = "amount_paise")
    public Long amountPaise;

    @Column(name = "method")
    public String method;

    @Column(name = "error_code")
    public String errorCode;

    @Column(name = "error_reason")
    public String errorReason;

    @Column(name = "failure_reported", nullable = false)
    public boolean failureReported;

    @Column(name = "decision")
    public String decision;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
