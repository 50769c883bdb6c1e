package dev.seva.notification.service;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

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
}
