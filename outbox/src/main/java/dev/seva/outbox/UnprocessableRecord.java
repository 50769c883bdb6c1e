package dev.seva.outbox;

/**
 * A record that no retry can make succeed (not JSON, breaks its contract, names an application that
 * does not exist, claims another department's topic): the pipeline dead-letters it at once. The
 * message is the reason written to the dead letter: never put personal data in it.
 */
public class UnprocessableRecord extends RuntimeException {

    public UnprocessableRecord(String reason) {
        super(reason, null, false, false);
    }
}
