package dev.seva.consumer;

import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * How a consumer processes one Kafka record, the same in every service: read it against its topic's
 * contract ({@link RecordReader}), handle it, and on failure do what {@link FailureKind} says:
 * <ul>
 *   <li>unprocessable (the record's fault): dead-letter at once;</li>
 *   <li>infrastructure (database, broker, vault, signing token): wait, holding the partition, for up to the
 *       policy's patience; then the Uni fails and the record stays uncommitted; never dead-lettered;</li>
 *   <li>transient or unexpected: try again a few times ({@link RetryPolicy}), then dead-letter.</li>
 * </ul>
 * The dead letter ({@link DeadLetter}'s layout, with the reason and attempts) goes to the service's
 * {@link DeadLetters} sink; the Uni completes only when the sink has it. If the sink cannot take it, the Uni
 * fails: the record is then not committed, and is consumed again, rather than committed and lost.
 *
 * <p>The handler does its own transaction and deduplication (a message log), so that a redelivered or
 * retried record changes nothing twice. A plain class: services (or outbox's CDI bean) construct it with
 * their sink.
 */
public final class RecordPipeline {

    private static final Logger LOG = Logger.getLogger(RecordPipeline.class);
    private static final String RETRIES_EXHAUSTED = "Retries exhausted";

    private final DeadLetters deadLetters;
    private final RetryPolicy policy;

    public RecordPipeline(DeadLetters deadLetters) {
        this(deadLetters, RetryPolicy.DEFAULT);
    }

    public RecordPipeline(DeadLetters deadLetters, RetryPolicy policy) {
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public <T> Uni<Void> process(ConsumerRecord<String, String> record, Class<T> type, Function<T, Uni<Void>> handler) {
        T event;
        try {
            event = RecordReader.read(record, type);
        } catch (UnprocessableRecord e) {
            return deadLetter(record, e, 0);
        }
        AtomicInteger attempts = new AtomicInteger();
        return Uni.createFrom().deferred(() -> {
                    attempts.incrementAndGet();
                    return handler.apply(event);
                })
                .onFailure(f -> FailureKind.of(f) == FailureKind.INFRASTRUCTURE)
                .invoke(f -> LOG.warnf("Record %s-%d@%d waits for what it stands on: %s", record.topic(), record.partition(), record.offset(),
                        summary(f)))
                .plug(policy::retryBriefly)
                .plug(policy::retryWhileDown)
                .onFailure(f -> FailureKind.of(f) != FailureKind.INFRASTRUCTURE)
                .recoverWithUni(f -> deadLetter(record, f, attempts.get()));
    }

    /**
     * Dead-letters the record with the failure's {@link #reason}. The sink's write is tried again like a
     * handler's (a transient failure a few times, while the infrastructure is down for the patience); if it
     * still fails, so does the Uni.
     */
    public Uni<Void> deadLetter(ConsumerRecord<String, String> record, Throwable failure, int attempts) {
        DeadLetter letter = DeadLetter.of(record, reason(failure), attempts);
        LOG.warnf("Record %s-%d@%d sent to %s after %d attempt(s): %s", record.topic(), record.partition(), record.offset(),
                letter.topic(), attempts, letter.reason());
        return Uni.createFrom().deferred(() -> deadLetters.write(letter))
                .onFailure(f -> FailureKind.of(f) == FailureKind.TRANSIENT).retry()
                .withBackOff(policy.firstBackoff(), policy.maxBackoff()).atMost(Math.max(1, policy.retries()))
                .plug(policy::retryWhileDown)
                .onFailure().invoke(f -> LOG.errorf("Record %s-%d@%d could not be dead-lettered (%s): it stays uncommitted and will be consumed again",
                        record.topic(), record.partition(), record.offset(), summary(f)));
    }

    /**
     * The reason a dead letter gives for a failure: an {@link UnprocessableRecord}'s own message (written for
     * it), otherwise the failure's type and message, past the wrappers of retries and futures.
     */
    public static String reason(Throwable failure) {
        UnprocessableRecord unprocessable = Causes.find(failure, UnprocessableRecord.class);
        if (unprocessable != null) {
            return unprocessable.getMessage();
        }
        return summary(failure);
    }

    private static String summary(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t && isWrapper(t)) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** Mutiny's "Retries exhausted" and the futures' wrappers say nothing about what went wrong. */
    private static boolean isWrapper(Throwable t) {
        return t instanceof CompletionException || t instanceof ExecutionException
                || t instanceof IllegalStateException && t.getMessage() != null && t.getMessage().startsWith(RETRIES_EXHAUSTED);
    }
}
