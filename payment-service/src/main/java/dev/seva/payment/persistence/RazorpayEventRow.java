package dev.seva.payment.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A Razorpay webhook accepted (table {@code razorpay_event}): its event id (the dedupe key) and only the ids it names;
 * never the payload (the payment entity carries the payer's contact and email).
 */
@Entity
@Table(name = "razorpay_event")
public class RazorpayEventRow extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "order_ref")
    public String orderRef;

    @Column(name = "gateway_order_id")
    public String gatewayOrderId;

    @Column(name = "gateway_payment_id")
    public String gatewayPaymentId;

    @Column(name = "gateway_refund_id")
    public String gatewayRefundId;

    @Column(name = "refund_status")
    public String refundStatus;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "processed_at")
    public Instant processedAt;

    @Column(name = "outcome")
    public String outcome;

    @Column(name = "tries", nullable = false)
    public int tries;
}
