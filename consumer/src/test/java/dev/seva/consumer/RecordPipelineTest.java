package dev.seva.consumer;

import dev.seva.contracts.Headers;
import dev.seva.contracts.citizen.CitizenErasureRequested;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pipeline's one policy, with a sink that records what it is given and figures short enough for a unit test. */
class RecordPipelineTest {

    private static final Duration AWAIT = Duration.ofSeconds(10);
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(400));

    private final List<DeadLetter> written = new CopyOnWriteArrayList<>();
    private final RecordPipeline pipeline = new RecordPipeline(letter -> {
        written.add(letter);
        return Uni.createFrom().voidItem();
    }, FAST);

    @Test
    void handlesARecordThatKeepsItsContractAndDeadLettersNothing() {
        List<String> handled = new CopyOnWriteArrayList<>();

        pipeline.process(Records.erasure(Records.ERASURE), CitizenErasureRequested.class, e -> {
            handled.add(e.citizenRef());
            return Uni.createFrom().voidItem();
        }).await().atMost(AWAIT);

        assertThat(handled).containsExactly("cit_7QbX2mK9pL4sT8vW1yZ3");
        assertThat(written).isEmpty();
    }

    @Test
    void deadLettersAContractViolationAtOnceWithoutHandlingIt() {
        AtomicInteger calls = new AtomicInteger();

        pipeline.process(Records.erasure(Records.ERASURE.replace("citizen_request", "because")), CitizenErasureRequested.class, e -> {
            calls.incrementAndGet();
            return Uni.createFrom().voidItem();
        }).await().atMost(AWAIT);

        assertThat(calls).hasValue(0);
        assertThat(written).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).startsWith("breaks its contract: ").contains("/reason");
            assertThat(letter.headers()).containsEntry(Headers.DLQ_ATTEMPTS, "0");
            assertThat(letter.value()).isEqualTo(Records.ERASURE.replace("citizen_request", "because"));
        });
    }

    @Test
    void deadLettersWhatTheHandlerFindsUnprocessableAtOnce() {
        AtomicInteger calls = new AtomicInteger();

        pipeline.process(Records.erasure(Records.ERASURE), CitizenErasureRequested.class, e -> {
            calls.incrementAndGet();
            return Uni.createFrom().failure(new UnprocessableRecord("unknown application SEVA-1"));
        }).await().atMost(AWAIT);

        assertThat(calls).hasValue(1);
        assertThat(written).singleElement().satisfies(letter -> assertThat(letter.reason()).isEqualTo("unknown application SEVA-1"));
    }

    @Test
    void retriesAnUnexpectedFailureThenDeadLettersItWithTheFailureAsTheReason() {
        AtomicInteger calls = new AtomicInteger();

        pipeline.process(Records.erasure(Records.ERASURE), CitizenErasureRequested.class, e -> {
            calls.incrementAndGet();
            throw new IllegalStateException("a bug");
        }).await().atMost(AWAIT);

        assertThat(calls).hasValue(1 + FAST.retries());
        // The reason is the failure, not Mutiny's "Retries exhausted" around it.
        assertThat(written).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).isEqualTo("IllegalStateException: a bug");
            assertThat(letter.headers()).containsEntry(Headers.DLQ_ATTEMPTS, String.valueOf(1 + FAST.retries()));
        });
    }

    @Test
    void aConcurrentChangeIsTriedAgainAndThenSucceeds() {
        AtomicInteger calls = new AtomicInteger();

        pipeline.process(Records.erasure(Records.ERASURE), CitizenErasureRequested.class, e -> calls.incrementAndGet() == 1
                ? Uni.createFrom().failure(new PgException("duplicate key value violates unique constraint", "ERROR", "23505", null))
                : Uni.createFrom().voidItem()).await().atMost(AWAIT);

        assertThat(calls).hasValue(2);
        assertThat(written).isEmpty();
    }

    @Test
    void waitsWhileTheDatabaseIsDownAndNeverDeadLettersTheRecord() {
        AtomicInteger calls = new AtomicInteger();

        // Down for longer than the patience: the Uni fails (the record stays uncommitted), and nothing is dead-lettered.
        assertThatThrownBy(() -> pipeline.process(Records.erasure(Records.ERASURE), CitizenErasureRequested.class, e -> {
            calls.incrementAndGet();
            return Uni.createFrom().failure(new PgException("the database system is starting up", "FATAL", "57P03", null));
        }).await().atMost(AWAIT)).satisfies(f -> assertThat(FailureKind.of(f)).isEqualTo(FailureKind.INFRASTRUCTURE));

        assertThat(calls.get()).isGreaterThan(2);
        assertThat(written).isEmpty();
    }

    @Test
    void resumesWhenTheDatabaseIsBack() {
        AtomicInteger calls = new AtomicInteger();

        pipeline.process(Records.erasure(Records.ERASURE), CitizenErasureRequested.class, e -> calls.incrementAndGet() <= 3
                ? Uni.createFrom().failure(new RuntimeException(new ConnectException("Connection refused")))
                : Uni.createFrom().voidItem()).await().atMost(AWAIT);

        assertThat(calls).hasValue(4);
        assertThat(written).isEmpty();
    }

    @Test
    void waitsForWhatTheServiceMarksWaitFor() {
        assertThatThrownBy(() -> pipeline.process(Records.erasure(Records.ERASURE), CitizenErasureRequested.class,
                e -> Uni.createFrom().failure(new FailureKindTest.SigningTokenLost())).await().atMost(AWAIT))
                .isInstanceOf(IllegalStateException.class).hasRootCauseInstanceOf(FailureKindTest.SigningTokenLost.class);

        assertThat(written).isEmpty();
    }

    @Test
    void failsWhenTheDeadLetterCannotBeWrittenSoTheRecordIsNotCommitted() {
        // Tried before the fix: outbox's pipeline recovered a failed dead-letter write with null; the record was committed and lost.
        RecordPipeline refused = new RecordPipeline(letter -> Uni.createFrom().failure(new IllegalStateException("the dead-letter topic refused it")), FAST);

        assertThatThrownBy(() -> refused.process(Records.erasure("not json"), CitizenErasureRequested.class, e -> Uni.createFrom().voidItem())
                .await().atMost(AWAIT)).isInstanceOf(IllegalStateException.class).hasMessage("the dead-letter topic refused it");
    }

    @Test
    void triesADeadLetterAgainWhenItsWriteMetAConcurrentChange() {
        AtomicInteger writes = new AtomicInteger();
        RecordPipeline flaky = new RecordPipeline(letter -> writes.incrementAndGet() == 1
                ? Uni.createFrom().failure(new PgException("could not serialize access", "ERROR", "40001", null))
                : Uni.createFrom().voidItem(), FAST);

        flaky.process(Records.erasure("not json"), CitizenErasureRequested.class, e -> Uni.createFrom().voidItem()).await().atMost(AWAIT);

        assertThat(writes).hasValue(2);
    }
}
