package dev.seva.consumer;

/**
 * A record that no retry can make succeed (not JSON, breaks its contract, names an application that
 * does not exist, claims another department's topic): the pipeline dead-letters it at once. The
 * message is the reason written to the dead letter: never put personal data in it. Services extend
 * it for their own such failures (document-service's {@code Unprocessable}).
 */
public class UnprocessableRecord extends RuntimeException {

    public UnprocessableRecord(String reason) {
        // No stack trace: it is an expected outcome, reported by its reason alone.
        super(reason, null, false, false);
    }
}
