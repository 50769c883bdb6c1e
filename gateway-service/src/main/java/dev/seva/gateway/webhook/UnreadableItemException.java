package dev.seva.gateway.webhook;

/** A message or status that cannot become an event; its message is the dead-letter reason (no personal data). */
final class UnreadableItemException extends RuntimeException {

    UnreadableItemException(String reason) {
        super(reason, null, false, false);
    }
}
