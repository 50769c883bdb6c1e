package dev.seva.outbox;

import java.util.Locale;

/**
 * What a consumer should do with a failure, decided in one place for every consumer of the platform:
 * <ul>
 *   <li>{@link #UNPROCESSABLE}: dead-letter now (an {@link UnprocessableRecord});</li>
 *   <li>{@link #INFRASTRUCTURE}: wait for the database or broker, holding the partition
 *       ({@link InfrastructureFailures});</li>
 *   <li>{@link #TRANSIENT}: try again soon (a concurrent change of the same rows, a serialization
 *       failure, a deadlock, a unique key taken by a concurrent first delivery);</li>
 *   <li>{@link #UNEXPECTED}: a bug or bad data we did not foresee: a few tries, then dead-letter.</li>
 * </ul>
 */
public enum FailureKind {
    UNPROCESSABLE, INFRASTRUCTURE, TRANSIENT, UNEXPECTED;

    public static FailureKind of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnprocessableRecord) {
                return UNPROCESSABLE;
            }
        }
        if (InfrastructureFailures.isInfrastructure(failure)) {
            return INFRASTRUCTURE;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.contains("OptimisticLock") || name.contains("StaleObjectState") || name.contains("StaleState")) {
                return TRANSIENT;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            // PostgreSQL: 23505 unique violation, 40001 serialization failure, 40P01 deadlock.
            if (message.contains("23505") || message.contains("40001") || message.contains("40p01")
                    || message.contains("duplicate key") || message.contains("deadlock detected")) {
                return TRANSIENT;
            }
        }
        return UNEXPECTED;
    }
}
