package dev.seva.simulator.standin.razorpay;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An order: {@code created} until a payment is attempted, {@code attempted} until one is captured, then {@code paid} for good. */
final class RazorpayOrder {

    final String id;
    final long amount;
    final String currency;
    final String receipt;
    final ObjectNode notes;
    final boolean partialPayment;
    final long createdAt;
    long amountPaid;
    String status = "created";
    int attempts;

    RazorpayOrder(String id, long amount, String currency, String receipt, ObjectNode notes, boolean partialPayment, long createdAt) {
        this.id = id;
        this.amount = amount;
        this.currency = currency;
        this.receipt = receipt;
        this.notes = notes;
        this.partialPayment = partialPayment;
        this.createdAt = createdAt;
    }

    ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("id", id);
        o.put("entity", "order");
        o.put("amount", amount);
        o.put("amount_paid", amountPaid);
        o.put("amount_due", amount - amountPaid);
        o.put("currency", currency);
        Json.putNullable(o, "receipt", receipt);
        o.putNull("offer_id");
        o.put("status", status);
        o.put("attempts", attempts);
        o.set("notes", Json.notes(notes));
        o.put("created_at", createdAt);
        return o;
    }
}
