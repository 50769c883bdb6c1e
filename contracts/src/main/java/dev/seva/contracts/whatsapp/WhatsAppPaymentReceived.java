package dev.seva.contracts.whatsapp;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.seva.contracts.CitizenAddress;
import dev.seva.contracts.Event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A payment status webhook of WhatsApp Payments (a {@code statuses[]} item of type {@code payment}), on
 * {@code whatsapp.payments.v1}. Not to be trusted alone: payment-service confirms it with Meta's payment look-up.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WhatsAppPaymentReceived(
        UUID eventId,
        String eventType,
        Instant occurredAt,
        Instant receivedAt,
        String businessAccountId,
        String phoneNumberId,
        String statusId,
        CitizenAddress recipient,
        String referenceId,
        String status,
        Long amountPaise,
        String currency,
        Transaction transaction,
        List<Refund> refunds,
        String receipt) implements Event {

    public static final String EVENT_TYPE = "whatsapp.payment.received";

    /** One payment attempt at the gateway: its order id, payment id, status pending/success/failed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Transaction(String id, String pgTransactionId, String type, String status, String method, String errorCode,
                              String errorReason, Instant createdAt, Instant updatedAt) {
    }

    /** A refund of the payment; status pending/success/failed ("completed" on the wire reads as success). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Refund(String id, Long amountPaise, String status, String speedProcessed) {
    }
}
