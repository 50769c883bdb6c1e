package dev.seva.notification.domain;

import java.util.Set;

/**
 * Why one attempt to deliver a message did not succeed, and what that means for the next step.
 *
 * @param source     who answered (the Graph API, document-service) or that nobody did (network)
 * @param httpStatus the HTTP status, 0 when there was no answer
 * @param code       Meta's error code, when the Graph API gave one
 * @param title      a short title (Meta's, or ours); never personal data
 * @param details    Meta's details or ours; never personal data
 * @param kind       retry later, give up, send the fallback template, or upload the document again
 */
public record Failure(Source source, int httpStatus, Integer code, String title, String details, Kind kind) {

    public enum Source { GRAPH_API, DOCUMENT_SERVICE, NETWORK, INTERNAL }

    public enum Kind {
        /** Throttled, overloaded, unreachable: try again after a backoff. */
        RETRYABLE,
        /** The request or the recipient is wrong: retrying cannot help. */
        PERMANENT,
        /** 131047: outside the 24-hour window; only a template can reach the citizen. */
        REENGAGEMENT,
        /** 131053 on a send by media id: the uploaded media is gone; upload again. */
        STALE_MEDIA
    }

    /** Throttling and transient errors Meta documents: retry with backoff. */
    private static final Set<Integer> RETRYABLE_CODES = Set.of(
            1,       // API Unknown (possible server error)
            2,       // API Service: temporary downtime or overload
            4,       // API Too Many Calls
            80007,   // WhatsApp Business Account rate limit
            130429,  // throughput of the business number
            131000,  // Something went wrong
            131016,  // Service unavailable
            131056,  // (business, consumer) pair rate limit
            133004); // server temporarily unavailable

    /** Meta's failure of a Graph API call. */
    public static Failure graph(int httpStatus, Integer code, String title, String details) {
        return new Failure(Source.GRAPH_API, httpStatus, code, title, details, classify(httpStatus, code));
    }

    /** No answer: timeout, refused connection, reset. Meta may or may not have acted on the request. */
    public static Failure network(String what) {
        return new Failure(Source.NETWORK, 0, null, "No answer", what, Kind.RETRYABLE);
    }

    /** document-service did not hand over the PDF: gone (404/410) or refused (401/403) is final, the rest is retried. */
    public static Failure document(int httpStatus) {
        boolean gone = httpStatus == 404 || httpStatus == 410;
        boolean refused = httpStatus == 401 || httpStatus == 403;
        return new Failure(Source.DOCUMENT_SERVICE, httpStatus, null,
                gone ? "document-not-found" : refused ? "document-fetch-refused" : "document-service-unavailable",
                "document-service answered HTTP " + httpStatus, gone || refused ? Kind.PERMANENT : Kind.RETRYABLE);
    }

    /** Something unexpected on our side (a database hiccup, a bug): retried, within the same bounds. */
    public static Failure unexpected(String what) {
        return new Failure(Source.INTERNAL, 0, null, "unexpected", what, Kind.RETRYABLE);
    }

    /** Something of ours that retrying cannot fix (e.g. a command we cannot turn into a request). */
    public static Failure internal(String title, String details) {
        return new Failure(Source.INTERNAL, 0, null, title, details, Kind.PERMANENT);
    }

    /**
     * What a Graph API error means: 429 and Meta's throttling and server codes are retried; 131047 calls
     * for the fallback template; 131053 for a fresh upload; every other 4xx (100, 131008, 131009, 131026,
     * 131030, 131048, 131049, 131051, 190, ...) is final; any 5xx is retried.
     */
    public static Kind classify(int httpStatus, Integer code) {
        if (code != null && code == 131047) {
            return Kind.REENGAGEMENT;
        }
        if (code != null && code == 131053) {
            return Kind.STALE_MEDIA;
        }
        if (httpStatus == 429 || (code != null && RETRYABLE_CODES.contains(code)) || httpStatus >= 500) {
            return Kind.RETRYABLE;
        }
        return Kind.PERMANENT;
    }

    /** {@code 131026 Message undeliverable}, {@code HTTP 503}, {@code timeout}: for logs, metrics and dead-letter reasons. */
    public String summary() {
        if (code != null) {
            return code + " " + title;
        }
        return source == Source.NETWORK ? details : title;
    }

    /** A short tag for metrics: the code, the HTTP status or the source. */
    public String tag() {
        if (code != null) {
            return Integer.toString(code);
        }
        return httpStatus > 0 ? "http-" + httpStatus : source.name().toLowerCase(java.util.Locale.ROOT);
    }
}
