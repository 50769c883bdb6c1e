package dev.seva.notification.service;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class KeyedLanesTest {

    @Test
    void runsOneKeysWorkInOrderOneAtATime() {
        KeyedLanes lanes = new KeyedLanes(10);
        List<String> log = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> firstMayEnd = new CompletableFuture<>();

        lanes.submit("citizen", () -> Uni.createFrom().completionStage(firstMayEnd).invoke(() -> log.add("first"))).await().indefinitely();
        lanes.submit("citizen", () -> Uni.createFrom().item(() -> log.add("second")).replaceWithVoid()).await().indefinitely();

        assertThat(log).isEmpty();
        firstMayEnd.complete(null);
        assertThat(log).containsExactly("first", "second");
    }

    @Test
    void runsDifferentKeysAtOnce() {
        KeyedLanes lanes = new KeyedLanes(10);
        AtomicBoolean otherRan = new AtomicBoolean();

        lanes.submit("citizen-a", () -> Uni.createFrom().completionStage(new CompletableFuture<Void>())).await().indefinitely();
        lanes.submit("citizen-b", () -> Uni.createFrom().item(() -> otherRan.getAndSet(true)).replaceWithVoid()).await().indefinitely();

        assertThat(otherRan).isTrue();
        assertThat(lanes.inFlight()).isEqualTo(1);
    }

    @Test
    void admitsNoMoreThanItsLimitUntilWorkEnds() {
        KeyedLanes lanes = new KeyedLanes(2);
        CompletableFuture<Void> end = new CompletableFuture<>();
        lanes.submit("a", () -> Uni.createFrom().completionStage(end)).await().indefinitely();
        lanes.submit("b", () -> Uni.createFrom().completionStage(new CompletableFuture<Void>())).await().indefinitely();

        CompletableFuture<Void> third = lanes.submit("c", () -> Uni.createFrom().voidItem()).subscribeAsCompletionStage();

        assertThat(third).isNotDone();
        end.complete(null);
        assertThat(third).isDone();
    }

    @Test
    void keepsGoingAfterWorkThatFailed() {
        KeyedLanes lanes = new KeyedLanes(1);
        List<String> log = new CopyOnWriteArrayList<>();

        lanes.submit("citizen", () -> Uni.createFrom().failure(new IllegalStateException("boom"))).await().indefinitely();
        lanes.submit("citizen", () -> { throw new IllegalStateException("boom before starting"); }).await().indefinitely();
        lanes.submit("citizen", () -> Uni.createFrom().item(() -> log.add("after")).replaceWithVoid()).await().indefinitely();

        assertThat(log).containsExactly("after");
        assertThat(lanes.inFlight()).isZero();
    }

    @Test
    void aKeyWaitingOutItsPacingHoldsNoPermitAndNeitherDoesWorkQueuedBehindIt() {
        // Tried with the lanes before issue 15: one permit, citizen A's paced message held it (its pacing wait ran
        // inside the work) and A's next ten commands held a place each, so citizen B waited for all of A's pacing.
        KeyedLanes lanes = new KeyedLanes(1, 100, 50);
        AtomicInteger aRan = new AtomicInteger();
        AtomicBoolean bRan = new AtomicBoolean();
        for (int i = 0; i < 10; i++) {
            lanes.submit("citizen-a", () -> Duration.ofHours(1), () -> Uni.createFrom().item(aRan::incrementAndGet).replaceWithVoid(),
                    () -> Uni.createFrom().voidItem()).await().indefinitely();
        }

        lanes.submit("citizen-b", () -> Duration.ZERO, () -> Uni.createFrom().item(() -> bRan.getAndSet(true)).replaceWithVoid(),
                () -> Uni.createFrom().voidItem()).await().atMost(Duration.ofSeconds(1));

        assertThat(bRan).as("B's message ran while A's lane waits out its pacing").isTrue();
        assertThat(aRan).hasValue(0);
        assertThat(lanes.inFlight()).isZero();
        assertThat(lanes.queued()).as("A's ten commands are held, not dropped").isEqualTo(10);
    }

    @Test
    void aKeyWithAFullLaneGetsItsOverflowRunAtOnceWhileOtherKeysAreServed() {
        KeyedLanes lanes = new KeyedLanes(10, 100, 3);
        List<String> log = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> never = new CompletableFuture<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            lanes.submit("citizen-a", () -> Duration.ZERO, () -> Uni.createFrom().completionStage(never),
                    () -> Uni.createFrom().item(() -> log.add("overflow " + n)).replaceWithVoid()).await().indefinitely();
        }
        lanes.submit("citizen-b", () -> Duration.ZERO, () -> Uni.createFrom().item(() -> log.add("b")).replaceWithVoid(),
                () -> Uni.createFrom().item(() -> log.add("b overflow")).replaceWithVoid()).await().indefinitely();

        assertThat(log).containsExactly("overflow 3", "overflow 4", "b");
        assertThat(lanes.queued()).as("A's three, the overflow pieces gave their room back").isEqualTo(3);
    }

    @Test
    void pacedWorkRunsAfterItsDelayInOrder() {
        KeyedLanes lanes = new KeyedLanes(1, 10, 10);
        List<String> log = new CopyOnWriteArrayList<>();
        lanes.submit("citizen", () -> Duration.ofMillis(50), () -> Uni.createFrom().item(() -> log.add("first")).replaceWithVoid(),
                () -> Uni.createFrom().voidItem()).await().indefinitely();
        lanes.submit("citizen", () -> Duration.ZERO, () -> Uni.createFrom().item(() -> log.add("second")).replaceWithVoid(),
                () -> Uni.createFrom().voidItem()).await().indefinitely();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> log.size() == 2);
        assertThat(log).containsExactly("first", "second");
        assertThat(lanes.queued()).isZero();
    }
}
