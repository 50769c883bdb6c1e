package dev.seva.simulator.standin.razorpay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.EventJson;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Posts Razorpay's webhooks: the envelope {@code {"entity":"event","account_id","event","contains","payload","created_at"}}
 * as exact bytes, {@code X-Razorpay-Signature} = hex HMAC-SHA256 of those bytes with the webhook secret, a
 * unique {@code x-razorpay-event-id}; any answer but 2xx, or none within the timeout (Razorpay: 5 s), is
 * retried with exponential backoff until the retry window after the event's creation has passed. The events
 * of one change are posted one after the other (the next once the previous got its first answer), so that
 * their order of arrival is the order chosen, including the reordered one.
 */
final class RazorpayWebhooks {

    static final String SIGNATURE = "X-Razorpay-Signature";
    static final String EVENT_ID = "x-razorpay-event-id";
    private static final long MAX_BACKOFF_MILLIS = 3_600_000;

    /** One event: its id, name and the exact bytes every delivery of it sends. */
    record Event(String id, String name, long createdAtMillis, byte[] body) {
    }

    /** What became of an event, for {@code GET /simulator/razorpay/events}. */
    private static final class Outcome {
        final Event event;
        String state = "queued";
        int posts;
        int lastStatus = -1;
        int delivered;

        Outcome(Event event) {
            this.event = event;
        }
    }

    private final Vertx vertx;
    private final RazorpayConfig config;
    private final Supplier<RazorpayFaults> faults;
    private final HttpClient client;
    private final SecretKeySpec key;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final Map<String, Outcome> log = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Outcome> eldest) {
            return size() > 1_000;
        }
    };

    RazorpayWebhooks(Vertx vertx, RazorpayConfig config, Supplier<RazorpayFaults> faults) {
        this.vertx = vertx;
        this.config = config;
        this.faults = faults;
        this.key = new SecretKeySpec(config.webhookSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(16).setMaxWaitQueueSize(-1));
    }

    /** An event with the payload as it is now (Razorpay's payload is a snapshot of the entity when the event occurred). */
    Event event(String name, ObjectNode payload, String... contains) {
        long now = System.currentTimeMillis();
        ObjectNode envelope = Json.object();
        envelope.put("entity", "event");
        envelope.put("account_id", config.accountId());
        envelope.put("event", name);
        for (String entity : contains) {
            envelope.withArray("contains").add(entity);
        }
        envelope.set("payload", payload);
        envelope.put("created_at", now / 1000);
        try {
            return new Event(RazorpayIds.id("evt"), name, now, EventJson.mapper().writeValueAsBytes(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts the events of one change, with the faults in force and the delivery asked for. */
    void emit(List<Event> events, Delivery delivery) {
        RazorpayFaults f = faults.get().resolved();
        String skipped = config.webhookUrl() == null ? "not sent: no webhook URL" : !delivery.send() ? "not sent: outcome without webhook"
                : f.dropWebhooks() ? "not sent: dropped (fault)" : null;
        List<Event> order = new ArrayList<>(events);
        if (f.reorderWebhooks()) {
            Collections.reverse(order);
        }
        int copies = Math.max(1, delivery.copies()) * (f.duplicateWebhooks() ? 2 : 1);
        List<Event> sequence = new ArrayList<>();
        synchronized (log) {
            for (Event e : order) {
                Outcome outcome = new Outcome(e);
                outcome.state = skipped != null ? skipped : "queued";
                log.put(e.id(), outcome);
                for (int i = 0; skipped == null && i < copies; i++) {
                    sequence.add(e);
                }
            }
        }
        if (sequence.isEmpty()) {
            return;
        }
        long delay = delivery.delay().toMillis();
        if (delay > 0) {
            vertx.setTimer(delay, t -> postWhenUp(sequence));
        } else {
            vertx.runOnContext(v -> postWhenUp(sequence));
        }
    }

    /** While Razorpay is down (the fault) its webhooks wait, and go out once it is up, in their order. */
    private void postWhenUp(List<Event> sequence) {
        if (faults.get().resolved().down()) {
            vertx.setTimer(1_000, t -> postWhenUp(sequence));
            return;
        }
        postInTurn(sequence, 0);
    }

    /** Events as sent or skipped, oldest first. */
    List<ObjectNode> log() {
        List<ObjectNode> entries = new ArrayList<>();
        synchronized (log) {
            for (Outcome o : log.values()) {
                ObjectNode entry = Json.object();
                entry.put("id", o.event.id());
                entry.put("event", o.event.name());
                entry.put("createdAt", o.event.createdAtMillis() / 1000);
                entry.put("state", o.state);
                entry.put("posts", o.posts);
                entry.put("delivered", o.delivered);
                if (o.lastStatus >= 0) {
                    entry.put("lastStatus", o.lastStatus);
                }
                entries.add(entry);
            }
        }
        return entries;
    }

    void clear() {
        synchronized (log) {
            log.clear();
        }
    }

    long delivered() {
        return delivered.get();
    }

    long abandoned() {
        return abandoned.get();
    }

    void close() {
        client.close();
    }

    static String sign(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
        }
    }

    private void postInTurn(List<Event> sequence, int index) {
        if (index < sequence.size()) {
            Promise<Integer> first = Promise.promise();
            attempt(sequence.get(index), 1, first);
            first.future().onComplete(ignored -> postInTurn(sequence, index + 1));
        }
    }

    private void attempt(Event event, int attempt, Promise<Integer> first) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(config.webhookUrl().toString())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "Razorpay-Webhook/v1")
                .putHeader(SIGNATURE, sign(key, event.body()))
                .putHeader(EVENT_ID, event.id())
                .setTimeout(Math.max(1, config.webhookTimeout().toMillis()));
        Future<Integer> answer = client.request(options)
                .compose(request -> request.send(Buffer.buffer(event.body())))
                .compose(response -> response.body().map(ignored -> response.statusCode()));
        answer.onComplete(outcome -> {
            int status = outcome.succeeded() ? outcome.result() : 0;
            first.tryComplete(status);
            boolean ok = status >= 200 && status < 300;
            long sinceCreation = System.currentTimeMillis() - event.createdAtMillis();
            long backoff = Math.min(MAX_BACKOFF_MILLIS, config.webhookFirstBackoff().toMillis() << Math.min(attempt - 1, 20));
            boolean retry = !ok && sinceCreation + backoff < config.webhookRetryFor().toMillis();
            record(event, status, ok, retry);
            if (ok) {
                delivered.incrementAndGet();
            } else if (retry) {
                vertx.setTimer(Math.max(1, backoff), t -> attempt(event, attempt + 1, first));
            } else {
                abandoned.incrementAndGet();
            }
        });
    }

    private void record(Event event, int status, boolean ok, boolean retry) {
        synchronized (log) {
            Outcome o = log.get(event.id());
            if (o == null) {
                return;
            }
            o.posts++;
            o.lastStatus = status;
            if (ok) {
                o.delivered++;
                o.state = "delivered";
            } else if (!"delivered".equals(o.state)) {
                o.state = retry ? "retrying" : "abandoned";
            }
        }
    }
}
