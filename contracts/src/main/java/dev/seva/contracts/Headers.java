package dev.seva.contracts;

/** Names of the Kafka record headers every Seva producer sets. */
public final class Headers {

    /** The event's type, so a consumer can route or dead-letter without parsing the value. */
    public static final String EVENT_TYPE = "eventType";
    /** The event's id, duplicated from the value for tooling. */
    public static final String EVENT_ID = "eventId";
    /** On a dead-lettered record: why it could not be processed (no personal data). */
    public static final String DLQ_REASON = "dlq-reason";
    /** On a dead-lettered record: the topic it came from. */
    public static final String DLQ_ORIGINAL_TOPIC = "dlq-original-topic";
    /** On a dead-lettered record: the code of the error that ended its processing (e.g. Meta's 131026). */
    public static final String DLQ_ERROR_CODE = "dlq-error-code";
    /** On a dead-lettered record: how many times processing was attempted. */
    public static final String DLQ_ATTEMPTS = "dlq-attempts";

    private Headers() {
    }
}
