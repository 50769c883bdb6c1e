package dev.seva.notification.deadletter;

/**
 * A record for a dead-letter topic: the original value and key, and why it could not be processed
 * (reason, Meta's error code, attempts), carried in the {@code dlq-*} headers. Never personal data in the reason.
 */
public record DeadLetter(String topic, String originalTopic, String key, String value, String eventType, String eventId,
                         String reason, Integer errorCode, int attempts) {
}
