package dev.seva.gateway.webhook;

import dev.seva.contracts.Event;

import java.util.List;
import java.util.Map;

/** What one webhook request contained: events to publish, items to dead-letter, parts ignored. */
public record ParsedWebhook(List<Event> events, List<DeadLetter> deadLetters, Map<IgnoreReason, Integer> ignored) {

    public boolean isEmpty() {
        return events.isEmpty() && deadLetters.isEmpty();
    }
}
