package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * After a message is accepted, reports its life as Meta does, each status in its own signed webhook:
 * {@code sent} (with the conversation and its expiry, and pricing), {@code delivered} (conversation,
 * pricing), {@code read}; or one {@code failed} status with its error (undeliverable, outside the window).
 * The log records each status at the moment it is reported, whether or not a webhook receiver is set.
 */
final class StatusReporter {

    /** One accepted message: what its statuses need to say. */
    record Accepted(String wamid, String phoneNumberId, String citizen, boolean byUserId, boolean template,
                    String bizOpaque, GraphError failure) {
    }

    private final Vertx vertx;
    private final StandInConfig config;
    private final Conversations conversations;
    private final WebhookSender sender;
    private final Map<String, String[]> conversationIds = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String[]> eldest) {
            return size() > 100_000;
        }
    };

    StatusReporter(Vertx vertx, StandInConfig config, Conversations conversations, WebhookSender sender) {
        this.vertx = vertx;
        this.config = config;
        this.conversations = conversations;
        this.sender = sender;
    }

    void accepted(Accepted message) {
        StandInConfig.StatusTiming timing = config.statusTiming();
        if (message.failure() != null) {
            later(timing.sent() == null ? Duration.ZERO : timing.sent(), () -> report(message, "failed"));
            return;
        }
        later(timing.sent(), () -> report(message, "sent"));
        later(timing.delivered(), () -> report(message, "delivered"));
        later(timing.read(), () -> report(message, "read"));
    }

    private void later(Duration delay, Runnable action) {
        if (delay == null) {
            return;
        }
        if (delay.isZero() || delay.isNegative()) {
            vertx.runOnContext(v -> action.run());
        } else {
            vertx.setTimer(delay.toMillis(), t -> action.run());
        }
    }

    private void report(Accepted message, String status) {
        Instant now = Instant.now();
        boolean known = conversations.status(message.wamid(), status, now,
                message.failure() == null ? null : message.failure().toWebhookError());
        if (sender == null || !known) {
            return;
        }
        ObjectNode root = Webhooks.newRoot();
        ObjectNode value = Webhooks.envelope(root, config.businessAccountId(), config.displayPhoneNumber(), message.phoneNumberId());
        ObjectNode item = value.putArray("statuses").addObject();
        item.put("id", message.wamid());
        item.put("status", status);
        item.put("timestamp", Long.toString(now.getEpochSecond()));
        item.put(message.byUserId() ? "recipient_user_id" : "recipient_id", message.citizen());
        if (status.equals("sent") || status.equals("delivered")) {
            conversationAndPricing(item, message, status.equals("sent"), now);
        }
        if (message.bizOpaque() != null) {
            item.put("biz_opaque_callback_data", message.bizOpaque());
        }
        if (message.failure() != null) {
            item.putArray("errors").add(message.failure().toWebhookError());
        }
        sender.post(root);
    }

    private void conversationAndPricing(ObjectNode item, Accepted message, boolean withExpiry, Instant now) {
        String category = message.template() ? "utility" : "service";
        String[] conversation;
        synchronized (conversationIds) {
            conversation = conversationIds.get(message.citizen() + "|" + category);
            if (conversation == null || Long.parseLong(conversation[1]) <= now.getEpochSecond()) {
                conversation = new String[] {Ids.conversationId(), Long.toString(now.plus(Duration.ofHours(24)).getEpochSecond())};
                conversationIds.put(message.citizen() + "|" + category, conversation);
            }
        }
        ObjectNode c = item.putObject("conversation");
        c.put("id", conversation[0]);
        if (withExpiry) {
            c.put("expiration_timestamp", conversation[1]);
        }
        c.putObject("origin").put("type", category);
        ObjectNode pricing = item.putObject("pricing");
        pricing.put("billable", message.template());
        pricing.put("pricing_model", "PMP");
        pricing.put("category", category);
        pricing.put("type", message.template() ? "regular" : "free_customer_service");
    }
}
