package dev.seva.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.CitizenAddress;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.Topics;
import dev.seva.contracts.whatsapp.WhatsAppPaymentReceived;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A payment status webhook item (WhatsApp Payments API for India, payment gateway mode: a {@code statuses[]} item of
 * {@code type: "payment"}) as a {@link WhatsAppPaymentReceived}. Read defensively where Meta's own pages and the
 * providers' samples disagree (docs/research/whatsapp-payments-and-razorpay.md §1.4): timestamps as strings or
 * integers, a top-level {@code failed}, a refund's {@code completed} read as success. Amounts become paise only when
 * the offset is 100 (INR); any other offset is unreadable, not guessed.
 */
final class MetaPaymentMapper {

    private MetaPaymentMapper() {
    }

    static WhatsAppPaymentReceived map(JsonNode status, ChangeContext context) {
        String statusId = Json.text(status, "id");
        if (statusId == null || statusId.isEmpty()) {
            throw new UnreadableItemException("payment status without id");
        }
        String paymentStatus = lower(Json.text(status, "status"));
        if (!List.of("pending", "captured", "failed").contains(paymentStatus)) {
            throw new UnreadableItemException("unknown payment status");
        }
        JsonNode payment = status.path("payment");
        if (!payment.isObject()) {
            throw new UnreadableItemException("payment status without payment");
        }
        String referenceId = Json.text(payment, "reference_id");
        if (referenceId == null || !referenceId.matches("[A-Za-z0-9_.-]{1,35}")) {
            throw new UnreadableItemException("payment status without a valid reference_id");
        }
        CitizenAddress recipient = MetaWebhookParser.address(Json.text(status, "recipient_id"), Json.text(status, "recipient_user_id"));
        Long amount = paise(payment.path("amount"));
        JsonNode transaction = payment.path("transaction");
        WhatsAppPaymentReceived.Transaction tx = transaction.isObject() ? transaction(transaction) : null;
        List<WhatsAppPaymentReceived.Refund> refunds = refunds(payment.path("refunds"));
        String currency = Json.text(payment, "currency");
        // The id names the item's content: Meta redelivering the same webhook gives the same id; a new state of the same
        // payment (pending → captured, a refund added) is a new event.
        String state = paymentStatus + "|" + (tx == null ? "" : tx.id() + "|" + tx.pgTransactionId() + "|" + tx.status())
                + "|" + refunds.stream().map(r -> r.id() + ":" + r.status()).reduce("", String::concat);
        return new WhatsAppPaymentReceived(
                EventIds.nameBased(Topics.WHATSAPP_PAYMENTS, context.phoneNumberId(), statusId, referenceId, state),
                WhatsAppPaymentReceived.EVENT_TYPE,
                Json.epochSeconds(status, "timestamp", context.receivedAt()),
                context.receivedAt(),
                context.accountId(),
                context.phoneNumberId(),
                statusId,
                recipient,
                referenceId,
                paymentStatus,
                amount,
                currency == null ? null : currency.toUpperCase(Locale.ROOT),
                tx,
                refunds.isEmpty() ? null : refunds,
                Json.text(payment, "receipt"));
    }

    private static WhatsAppPaymentReceived.Transaction transaction(JsonNode tx) {
        String status = lower(Json.text(tx, "status"));
        if (!List.of("pending", "success", "failed").contains(status)) {
            throw new UnreadableItemException("unknown payment transaction status");
        }
        JsonNode error = tx.path("error");
        return new WhatsAppPaymentReceived.Transaction(
                Json.text(tx, "id"),
                Json.text(tx, "pg_transaction_id"),
                lower(Json.text(tx, "type")),
                status,
                lower(Json.text(tx.path("method"), "type")),
                // Meta's own example carries a placeholder error next to a success: only a failure's error is kept.
                "failed".equals(status) ? Json.text(error, "code") : null,
                "failed".equals(status) ? Json.text(error, "reason") : null,
                Json.epochSeconds(tx, "created_timestamp", null),
                Json.epochSeconds(tx, "updated_timestamp", null));
    }

    private static List<WhatsAppPaymentReceived.Refund> refunds(JsonNode refunds) {
        List<WhatsAppPaymentReceived.Refund> result = new ArrayList<>();
        if (!refunds.isArray()) {
            return result;
        }
        for (JsonNode refund : refunds) {
            String id = Json.text(refund, "id");
            String status = lower(Json.text(refund, "status"));
            if (id == null || status == null) {
                throw new UnreadableItemException("payment refund without id or status");
            }
            if (status.equals("completed") || status.equals("processed")) {
                status = "success";
            }
            if (!List.of("pending", "success", "failed").contains(status)) {
                throw new UnreadableItemException("unknown payment refund status");
            }
            result.add(new WhatsAppPaymentReceived.Refund(id, paise(refund.path("amount")), status, Json.text(refund, "speed_processed")));
        }
        return result;
    }

    /** {@code {value, offset}} in paise: INR's offset is 100, so the value is the paise. */
    private static Long paise(JsonNode amount) {
        if (!amount.isObject()) {
            return null;
        }
        JsonNode value = amount.path("value");
        JsonNode offset = amount.path("offset");
        long v;
        long o;
        try {
            v = value.isNumber() ? value.longValue() : Long.parseLong(value.asText());
            o = offset.isNumber() ? offset.longValue() : Long.parseLong(offset.asText());
        } catch (NumberFormatException e) {
            throw new UnreadableItemException("payment amount is not a number");
        }
        if (o != 100 || v < 0) {
            throw new UnreadableItemException("payment amount with an offset other than 100");
        }
        return v;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
