package dev.seva.notification.client;

import dev.seva.notification.domain.Failure;

/** A call that failed in a way the delivery logic decides on (retry, give up, re-upload). */
public final class FailureException extends RuntimeException {

    private final transient Failure failure;

    public FailureException(Failure failure) {
        super(failure.summary(), null, false, false);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
