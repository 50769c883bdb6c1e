package dev.seva.simulator.standin.razorpay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** A standard payment link: {@code created}, then {@code paid} (or {@code expired} once {@code expire_by} has passed). */
final class RazorpayPaymentLink {

    /** A captured payment as the link lists it. */
    record LinkPayment(String paymentId, long amount, String method, long createdAt) {
    }

    final String id;
    final long amount;
    final String currency;
    final boolean acceptPartial;
    final String referenceId;
    final String description;
    final ObjectNode customer;
    final ObjectNode notify;
    final boolean reminderEnable;
    final ObjectNode notes;
    final String callbackUrl;
    final String callbackMethod;
    final long expireBy;
    final long createdAt;
    final String shortUrl;
    final List<LinkPayment> payments = new ArrayList<>();
    String status = "created";
    String orderId;
    long amountPaid;
    long updatedAt;

    RazorpayPaymentLink(String id, long amount, String currency, boolean acceptPartial, String referenceId, String description,
                        ObjectNode customer, ObjectNode notify, boolean reminderEnable, ObjectNode notes, String callbackUrl,
                        String callbackMethod, long expireBy, long createdAt, String shortUrl) {
        this.id = id;
        this.amount = amount;
        this.currency = currency;
        this.acceptPartial = acceptPartial;
        this.referenceId = referenceId;
        this.description = description;
        this.customer = customer;
        this.notify = notify;
        this.reminderEnable = reminderEnable;
        this.notes = notes;
        this.callbackUrl = callbackUrl;
        this.callbackMethod = callbackMethod;
        this.expireBy = expireBy;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.shortUrl = shortUrl;
    }

    /** The status now: a link past {@code expire_by} that was never paid has expired. */
    String currentStatus(long now) {
        if (status.equals("created") && now >= expireBy) {
            status = "expired";
            updatedAt = expireBy;
        }
        return status;
    }

    ObjectNode toJson(long now) {
        ObjectNode l = Json.object();
        l.put("accept_partial", acceptPartial);
        l.put("amount", amount);
        l.put("amount_paid", amountPaid);
        Json.putNullable(l, "callback_method", callbackMethod);
        Json.putNullable(l, "callback_url", callbackUrl);
        l.put("cancelled_at", 0);
        l.put("created_at", createdAt);
        l.put("currency", currency);
        l.set("customer", customer == null ? Json.object() : customer.deepCopy());
        Json.putNullable(l, "description", description);
        l.put("expire_by", expireBy);
        l.put("expired_at", "expired".equals(currentStatus(now)) ? expireBy : 0);
        l.put("first_min_partial_amount", 0);
        l.put("id", id);
        l.set("notes", Json.notes(notes));
        l.set("notify", notify == null ? Json.object().put("email", false).put("sms", false) : notify.deepCopy());
        Json.putNullable(l, "order_id", orderId);
        if (payments.isEmpty()) {
            l.putNull("payments");
        } else {
            ArrayNode list = l.putArray("payments");
            for (LinkPayment p : payments) {
                list.addObject().put("amount", p.amount()).put("created_at", p.createdAt()).put("method", p.method())
                        .put("payment_id", p.paymentId()).put("plink_id", id).put("status", "captured").put("updated_at", p.createdAt());
            }
        }
        Json.putNullable(l, "reference_id", referenceId);
        l.put("reminder_enable", reminderEnable);
        l.putObject("reminders");
        l.put("short_url", shortUrl);
        l.put("status", currentStatus(now));
        l.put("updated_at", updatedAt);
        l.put("upi_link", false);
        l.put("user_id", "");
        return l;
    }
}
