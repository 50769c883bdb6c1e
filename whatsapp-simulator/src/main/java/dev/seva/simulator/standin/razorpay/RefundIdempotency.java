package dev.seva.simulator.standin.razorpay;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Razorpay's {@code X-Refund-Idempotency}: a key of at least 10 characters of [A-Za-z0-9_-]. The same key
 * with the same request (payment and body) replays the first answer; the same key with another request is
 * refused; a key whose first request is still being answered gets 409, to be retried. Razorpay's page
 * answers the different request both as 400 {@code BAD_REQUEST_ERROR} (its sample) and as 409 (its error
 * table); the simulator answers 400 with the sample's text.
 */
final class RefundIdempotency {

    static final String HEADER = "X-Refund-Idempotency";
    private static final Pattern KEY = Pattern.compile("^[A-Za-z0-9_-]{10,}$");

    /** What to do with a request carrying a key. */
    sealed interface Decision permits Proceed, Replay, Refuse {
    }

    record Proceed() implements Decision {
    }

    record Replay(int status, byte[] body) implements Decision {
    }

    record Refuse(RazorpayError error) implements Decision {
    }

    private static final class Entry {
        final String paymentId;
        final JsonNode body;
        int status;
        byte[] answer;

        Entry(String paymentId, JsonNode body) {
            this.paymentId = paymentId;
            this.body = body;
        }
    }

    private final Map<String, Entry> keys = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > 10_000;
        }
    };

    static boolean validKey(String key) {
        return KEY.matcher(key).matches();
    }

    /** Starts a request under this key, or says how to answer it instead. */
    synchronized Decision begin(String key, String paymentId, JsonNode body) {
        Entry entry = keys.get(key);
        if (entry == null) {
            keys.put(key, new Entry(paymentId, body));
            return new Proceed();
        }
        if (!entry.paymentId.equals(paymentId) || !entry.body.equals(body)) {
            return new Refuse(RazorpayError.badRequest("Different request with the same idempotency key has already been processed.",
                    null));
        }
        if (entry.answer == null) {
            return new Refuse(RazorpayError.inFlight());
        }
        return new Replay(entry.status, entry.answer);
    }

    /** The answer of the key's first request, replayed from now on (a refusal too); a server error frees the key. */
    synchronized void finish(String key, int status, byte[] answer) {
        Entry entry = keys.get(key);
        if (entry == null) {
            return;
        }
        if (status >= 500) {
            keys.remove(key);
        } else {
            entry.status = status;
            entry.answer = answer;
        }
    }

    synchronized void clear() {
        keys.clear();
    }
}
