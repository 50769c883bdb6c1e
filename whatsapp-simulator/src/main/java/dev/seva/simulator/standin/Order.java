package dev.seva.simulator.standin;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One {@code order_details} message sent, and what became of it: its order status (moved by
 * {@code order_status} messages), the payment attempts (transactions, at most one {@code success}) and their
 * refunds. Guarded by {@link Orders}: read and change it only inside {@code Orders.with}.
 */
final class Order {

    static final Set<String> TERMINAL = Set.of("completed", "canceled");

    /** A payment attempt at the gateway: {@code id} is the gateway's order id, {@code pgTransactionId} its payment id. */
    static final class Transaction {
        final String id;
        final String pgTransactionId;
        final String methodType;
        final long createdAt;
        String status = "pending";
        long updatedAt;
        String errorCode;
        String errorReason;
        final List<Refund> refunds = new ArrayList<>();

        Transaction(String id, String pgTransactionId, String methodType, long createdAt) {
            this.id = id;
            this.pgTransactionId = pgTransactionId;
            this.methodType = methodType;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }

        void fail(String code, String reason, long at) {
            status = "failed";
            errorCode = code;
            errorReason = reason;
            updatedAt = at;
        }
    }

    /** A refund made through {@code /payments_refund}: {@code pending}, then {@code success}. */
    static final class Refund {
        final String id;
        final long value;
        final String speedProcessed;
        final long createdAt;
        String status = "pending";
        long updatedAt;

        Refund(String id, long value, String speedProcessed, long createdAt) {
            this.id = id;
            this.value = value;
            this.speedProcessed = speedProcessed;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }
    }

    final String phoneNumberId;
    final String citizen;
    final boolean byUserId;
    final String wamid;
    final OrderMessage.Details details;
    final List<Transaction> transactions = new ArrayList<>();
    String status = "pending";
    String gatewayOrderId;
    boolean attemptInFlight;

    Order(String phoneNumberId, String citizen, boolean byUserId, String wamid, OrderMessage.Details details) {
        this.phoneNumberId = phoneNumberId;
        this.citizen = citizen;
        this.byUserId = byUserId;
        this.wamid = wamid;
        this.details = details;
    }

    String referenceId() {
        return details.referenceId();
    }

    /** The payment status: {@code captured} once a transaction succeeded, else {@code pending}. */
    String paymentStatus() {
        return captured() != null ? "captured" : "pending";
    }

    Transaction captured() {
        for (Transaction t : transactions) {
            if (t.status.equals("success")) {
                return t;
            }
        }
        return null;
    }

    boolean hasPendingTransaction() {
        return transactions.stream().anyMatch(t -> t.status.equals("pending"));
    }

    boolean expired(long now) {
        return details.expiresAt() != null && now >= details.expiresAt();
    }

    /** Why the citizen cannot pay now (a problem type and its detail), or null when they can. */
    String[] whyNotPayable(long now) {
        if (captured() != null) {
            return new String[] {"order-paid", "The order " + referenceId() + " is already paid."};
        }
        if (status.equals("canceled")) {
            return new String[] {"order-canceled", "The order " + referenceId() + " was canceled: it cannot be paid."};
        }
        if (status.equals("completed")) {
            return new String[] {"order-completed", "The order " + referenceId() + " is completed: it cannot be paid."};
        }
        if (expired(now)) {
            return new String[] {"order-expired", "The order " + referenceId() + " expired: it cannot be paid."};
        }
        if (attemptInFlight) {
            return new String[] {"payment-in-progress", "A payment of the order " + referenceId() + " is in progress."};
        }
        return null;
    }
}
