package dev.seva.notification.client;

import dev.seva.notification.domain.Failure;

/** What one Graph API call came to: Meta accepted it (with the message id, absent for mark-as-read), or a failure. */
public sealed interface GraphOutcome {

    record Accepted(String wamid) implements GraphOutcome {
    }

    record Refused(Failure failure) implements GraphOutcome {
    }
}
