package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * An order's payment as Meta shows it, in the two shapes of the Payments API page: the payment status
 * webhook ({@code statuses[]} entry of {@code type: "payment"}, timestamps as strings, as in Meta's example)
 * and the payment lookup ({@code payments[]}, integer timestamps, {@code refunds} inside each transaction).
 * {@code receipt} and {@code notes} are echoed only when the order sent them. Call inside {@code Orders.with}.
 */
final class PaymentJson {

    private PaymentJson() {
    }

    /** A signed-webhook body reporting the order's payment through this transaction. */
    static ObjectNode webhook(StandInConfig config, Order order, Order.Transaction transaction) {
        ObjectNode root = Webhooks.newRoot();
        ObjectNode value = Webhooks.envelope(root, config.businessAccountId(), config.displayPhoneNumber(), order.phoneNumberId);
        ObjectNode status = value.putArray("statuses").addObject();
        status.put("id", Ids.paymentStatusId());
        status.put(order.byUserId ? "recipient_user_id" : "recipient_id", order.citizen);
        status.put("type", "payment");
        status.put("status", order.paymentStatus());
        ObjectNode payment = status.putObject("payment");
        payment.put("reference_id", order.referenceId());
        amount(payment.putObject("amount"), order.details.totalValue(), false);
        payment.put("currency", "INR");
        ObjectNode t = payment.putObject("transaction");
        t.put("id", transaction.id);
        if (transaction.pgTransactionId != null) {
            t.put("pg_transaction_id", transaction.pgTransactionId);
        }
        t.put("type", order.details.gatewayType());
        t.put("status", transaction.status);
        t.put("created_timestamp", Long.toString(transaction.createdAt));
        t.put("updated_timestamp", Long.toString(transaction.updatedAt));
        if (transaction.methodType != null) {
            t.putObject("method").put("type", transaction.methodType);
        }
        error(t, transaction);
        echo(payment, order);
        if (!transaction.refunds.isEmpty()) {
            refunds(payment.putArray("refunds"), transaction, true);
        }
        status.put("timestamp", Long.toString(Instant.now().getEpochSecond()));
        return root;
    }

    /** {@code {"payments":[…]}}: the answer of {@code GET /{phone-number-id}/payments/{configuration}/{reference_id}}. */
    static ObjectNode lookup(Order order) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode payment = root.putArray("payments").addObject();
        payment.put("reference_id", order.referenceId());
        payment.put("status", order.paymentStatus());
        payment.put("currency", "INR");
        amount(payment.putObject("amount"), order.details.totalValue(), true);
        if (!order.transactions.isEmpty()) {
            ArrayNode transactions = payment.putArray("transactions");
            for (Order.Transaction transaction : order.transactions) {
                ObjectNode t = transactions.addObject();
                t.put("id", transaction.id);
                if (transaction.pgTransactionId != null) {
                    t.put("pg_transaction_id", transaction.pgTransactionId);
                }
                t.put("type", order.details.gatewayType());
                t.put("status", transaction.status);
                t.put("created_timestamp", transaction.createdAt);
                t.put("updated_timestamp", transaction.updatedAt);
                amount(t.putObject("amount"), order.details.totalValue(), true);
                amount(t.putObject("order_amount"), order.details.totalValue(), true);
                t.put("currency", "INR");
                if (transaction.methodType != null) {
                    t.putObject("method").put("type", transaction.methodType);
                }
                error(t, transaction);
                if (!transaction.refunds.isEmpty()) {
                    refunds(t.putArray("refunds"), transaction, false);
                }
            }
        }
        echo(payment, order);
        return root;
    }

    private static void refunds(ArrayNode refunds, Order.Transaction transaction, boolean stringTimestamps) {
        for (Order.Refund refund : transaction.refunds) {
            ObjectNode r = refunds.addObject();
            r.put("id", refund.id);
            amount(r.putObject("amount"), refund.value, !stringTimestamps);
            r.put("speed_processed", refund.speedProcessed);
            r.put("status", refund.status);
            if (stringTimestamps) {
                r.put("created_timestamp", Long.toString(refund.createdAt));
                r.put("updated_timestamp", Long.toString(refund.updatedAt));
            } else {
                r.put("created_timestamp", refund.createdAt);
                r.put("updated_timestamp", refund.updatedAt);
            }
        }
    }

    private static void error(ObjectNode t, Order.Transaction transaction) {
        if (transaction.errorCode != null) {
            t.putObject("error").put("code", transaction.errorCode).put("reason", transaction.errorReason);
        }
    }

    private static void echo(ObjectNode payment, Order order) {
        if (order.details.receipt() != null) {
            payment.put("receipt", order.details.receipt());
        }
        if (order.details.notes() != null) {
            payment.set("notes", order.details.notes().deepCopy());
        }
    }

    /** {@code {value, offset}} in the webhook's order, {@code {offset, value}} in the lookup's, as Meta's examples write them. */
    private static void amount(ObjectNode amount, long value, boolean offsetFirst) {
        if (offsetFirst) {
            amount.put("offset", 100);
            amount.put("value", value);
        } else {
            amount.put("value", value);
            amount.put("offset", 100);
        }
    }
}
