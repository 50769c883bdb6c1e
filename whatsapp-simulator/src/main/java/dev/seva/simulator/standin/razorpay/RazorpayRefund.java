package dev.seva.simulator.standin.razorpay;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A refund: {@code pending}, then {@code processed} (final). */
final class RazorpayRefund {

    final String id;
    final String paymentId;
    final long amount;
    final String currency;
    final ObjectNode notes;
    final String receipt;
    final String speedRequested;
    final String speedProcessed;
    final long createdAt;
    String status = "pending";
    long processedAt;
    String arn;

    RazorpayRefund(String id, String paymentId, long amount, String currency, ObjectNode notes, String receipt, String speedRequested,
                   String speedProcessed, long createdAt) {
        this.id = id;
        this.paymentId = paymentId;
        this.amount = amount;
        this.currency = currency;
        this.notes = notes;
        this.receipt = receipt;
        this.speedRequested = speedRequested;
        this.speedProcessed = speedProcessed;
        this.createdAt = createdAt;
    }

    ObjectNode toJson() {
        ObjectNode r = Json.object();
        r.put("id", id);
        r.put("entity", "refund");
        r.put("amount", amount);
        r.put("currency", currency);
        r.put("payment_id", paymentId);
        r.set("notes", Json.notes(notes));
        Json.putNullable(r, "receipt", receipt);
        Json.putNullable(r.putObject("acquirer_data"), "arn", arn);
        r.put("created_at", createdAt);
        r.putNull("batch_id");
        r.put("status", status);
        r.put("speed_processed", speedProcessed);
        r.put("speed_requested", speedRequested);
        return r;
    }
}
