package io.siban.common;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodicTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void runsMoreOftenThanOnceASecond() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        Periodic periodic = new Periodic(vertx, "test", () -> Uni.createFrom().item(runs.incrementAndGet()));
        periodic.start(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5));
        Thread.sleep(1_000);
        periodic.stop();
        assertThat(runs.get()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aRunStillGoingSkipsItsTurnsAndRunsOnADuplicatedContext() throws InterruptedException {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger onDuplicated = new AtomicInteger();
        Periodic periodic = new Periodic(vertx, "test", () -> {
            if (VertxContext.isOnDuplicatedContext()) {
                onDuplicated.incrementAndGet();
            }
            runs.incrementAndGet();
            mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(120)).invoke(inside::decrementAndGet);
        });
        periodic.start(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofSeconds(5));
        Thread.sleep(700);
        periodic.stop();
        Thread.sleep(200);
        int duplicated = onDuplicated.get();
        assertThat(mostAtOnce.get()).isEqualTo(1);
        assertThat(runs.get()).isBetween(2, 7).isEqualTo(duplicated);
    }

    @Test
    void aFailingRunDoesNotStopTheNextOnes() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        Periodic periodic = new Periodic(vertx, "test", () -> {
            if (runs.incrementAndGet() % 2 == 0) {
                throw new IllegalStateException("thrown");
            }
            return Uni.createFrom().failure(new IllegalStateException("failed"));
        });
        periodic.start(Duration.ofMillis(1), Duration.ofMillis(20), Duration.ofSeconds(5));
        Thread.sleep(500);
        periodic.stop();
        assertThat(runs.get()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aRunThatNeverEndsIsGivenUpAtItsLimitAndTheNextOnesRun() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        Periodic periodic = new Periodic(vertx, "test", () -> {
            runs.incrementAndGet();
            return Uni.createFrom().nothing();
        });
        periodic.start(Duration.ofMillis(1), Duration.ofMillis(20), Duration.ofMillis(100));
        Thread.sleep(700);
        periodic.stop();
        assertThat(runs.get()).isBetween(3, 8);
    }

    @Test
    void aTaskGivingNoUniOrThrowingAnErrorDoesNotStopIt() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        Periodic periodic = new Periodic(vertx, "test", () -> {
            if (runs.incrementAndGet() % 2 == 0) {
                throw new AssertionError("an error, not an exception");
            }
            return null;
        });
        periodic.start(Duration.ofMillis(1), Duration.ofMillis(20), Duration.ofSeconds(5));
        Thread.sleep(500);
        periodic.stop();
        assertThat(runs.get()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void periodsTooShortAreRefused() {
        Periodic periodic = new Periodic(vertx, "test", () -> Uni.createFrom().voidItem());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> periodic.start(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stoppedItRunsNoMore() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        Periodic periodic = new Periodic(vertx, "test", () -> Uni.createFrom().item(runs.incrementAndGet()));
        periodic.start(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofSeconds(5));
        Thread.sleep(200);
        periodic.stop();
        Thread.sleep(50);
        int atStop = runs.get();
        Thread.sleep(300);
        assertThat(atStop).isPositive();
        assertThat(runs.get()).isEqualTo(atStop);
    }
}
