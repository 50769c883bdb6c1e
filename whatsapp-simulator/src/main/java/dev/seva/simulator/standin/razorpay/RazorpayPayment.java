package dev.seva.simulator.standin.razorpay;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A payment: {@code created} while the customer has not finished, then {@code captured} (authorised and
 * captured at once, as with auto-capture) or {@code failed}; {@code refunded} once refunded in full.
 */
final class RazorpayPayment {

    final String id;
    final String orderId;
    final long amount;
    final String currency;
    final String method;
    final String vpa;
    final String contact;
    final String email;
    final ObjectNode notes;
    final long createdAt;
    String status = "created";
    boolean captured;
    long capturedAt;
    long amountRefunded;
    Long fee;
    Long tax;
    String rrn;
    String errorCode;
    String errorDescription;
    String errorSource;
    String errorStep;
    String errorReason;

    RazorpayPayment(String id, String orderId, long amount, String currency, String method, String vpa, String contact, String email,
                    ObjectNode notes, long createdAt) {
        this.id = id;
        this.orderId = orderId;
        this.amount = amount;
        this.currency = currency;
        this.method = method;
        this.vpa = vpa;
        this.contact = contact;
        this.email = email;
        this.notes = notes;
        this.createdAt = createdAt;
    }

    String refundStatus() {
        return amountRefunded == 0 ? null : amountRefunded < amount ? "partial" : "full";
    }

    ObjectNode toJson() {
        ObjectNode p = Json.object();
        p.put("id", id);
        p.put("entity", "payment");
        p.put("amount", amount);
        p.put("currency", currency);
        p.put("base_amount", amount);
        p.put("status", status);
        Json.putNullable(p, "order_id", orderId);
        p.putNull("invoice_id");
        p.put("international", false);
        p.put("method", method);
        p.put("amount_refunded", amountRefunded);
        p.put("amount_transferred", 0);
        Json.putNullable(p, "refund_status", refundStatus());
        p.put("captured", captured);
        p.putNull("description");
        p.putNull("card_id");
        p.putNull("bank");
        p.putNull("wallet");
        Json.putNullable(p, "vpa", vpa);
        p.put("email", email);
        p.put("contact", contact);
        p.set("notes", Json.notes(notes));
        Json.putNullable(p, "fee", fee);
        Json.putNullable(p, "tax", tax);
        Json.putNullable(p, "error_code", errorCode);
        Json.putNullable(p, "error_description", errorDescription);
        Json.putNullable(p, "error_source", errorSource);
        Json.putNullable(p, "error_step", errorStep);
        Json.putNullable(p, "error_reason", errorReason);
        ObjectNode acquirer = p.putObject("acquirer_data");
        Json.putNullable(acquirer, "rrn", rrn);
        p.put("created_at", createdAt);
        if ("upi".equals(method)) {
            ObjectNode upi = p.putObject("upi");
            upi.put("payer_account_type", "bank_account");
            Json.putNullable(upi, "vpa", vpa);
            upi.put("flow", "intent");
        }
        return p;
    }
}
