package dev.seva.consumer;

/**
 * What a consumer should do with a failure, decided in one place for every consumer of the platform:
 * <ul>
 *   <li>{@link #UNPROCESSABLE}: dead-letter now (an {@link UnprocessableRecord}, wherever in the causes);</li>
 *   <li>{@link #INFRASTRUCTURE}: wait for the database, broker or service the record stands on, holding the
 *       partition ({@link InfrastructureFailures}, and whatever is marked {@link WaitFor});</li>
 *   <li>{@link #TRANSIENT}: try again soon (a concurrent change of the same rows: a unique key taken by a
 *       concurrent first delivery, a serialization failure, a deadlock, an optimistic lock);</li>
 *   <li>{@link #UNEXPECTED}: a bug or bad data we did not foresee: a few tries, then dead-letter.</li>
 * </ul>
 */
public enum FailureKind {
    UNPROCESSABLE, INFRASTRUCTURE, TRANSIENT, UNEXPECTED;

    public static FailureKind of(Throwable failure) {
        if (Causes.find(failure, UnprocessableRecord.class) != null) {
            return UNPROCESSABLE;
        }
        if (InfrastructureFailures.isInfrastructure(failure)) {
            return INFRASTRUCTURE;
        }
        for (Throwable t : Causes.of(failure)) {
            String state = SqlStates.own(t);
            if (state != null && SqlStates.isConcurrency(state)) {
                return TRANSIENT;
            }
            // Optimistic locking (JPA's and Hibernate's types, by name: this module does not depend on them).
            if (Causes.isA(t, "jakarta.persistence.OptimisticLockException") || Causes.isA(t, "org.hibernate.StaleStateException")) {
                return TRANSIENT;
            }
        }
        return UNEXPECTED;
    }

    /** Worth another try soon, a bounded number of times. */
    public boolean isRetried() {
        return this == TRANSIENT || this == UNEXPECTED;
    }
}
