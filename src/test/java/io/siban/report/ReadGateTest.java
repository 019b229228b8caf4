package io.siban.report;

import io.siban.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.Cancellable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Two reads at once, two waiting in order, the next refused; a cancelled waiter gives up its place. */
class ReadGateTest {
    @Test
    void readsBeyondTheSlotsWaitInOrderAndBeyondTheQueueAreRefused() {
        ReadGate gate = new ReadGate(2, 2);
        List<CompletableFuture<String>> work = new ArrayList<>();
        List<UniAssertSubscriber<String>> reads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CompletableFuture<String> f = new CompletableFuture<>();
            work.add(f);
            reads.add(gate.run(() -> Uni.createFrom().completionStage(f)).subscribe().withSubscriber(UniAssertSubscriber.create()));
        }
        reads.get(4).assertFailedWith(ProblemException.class);
        assertThat(((ProblemException) reads.get(4).getFailure()).status()).isEqualTo(503);
        assertThat(gate.waiting()).isEqualTo(2);
        work.get(2).complete("third");
        reads.get(2).assertNotTerminated();
        work.get(0).complete("first");
        reads.get(0).assertItem("first");
        reads.get(2).assertItem("third");
        assertThat(gate.waiting()).as("the third ended at once and passed its place on").isZero();
        reads.get(3).assertNotTerminated();
        work.get(1).completeExceptionally(new IllegalStateException("a read that fails"));
        reads.get(1).assertFailedWith(IllegalStateException.class);
        work.get(3).complete("fourth");
        reads.get(3).assertItem("fourth");
    }

    @Test
    void aWaiterThatGoesAwayGivesUpItsPlace() {
        ReadGate gate = new ReadGate(1, 1);
        CompletableFuture<String> first = new CompletableFuture<>();
        UniAssertSubscriber<String> running = gate.run(() -> Uni.createFrom().completionStage(first)).subscribe()
                .withSubscriber(UniAssertSubscriber.create());
        Cancellable gone = gate.run(() -> Uni.createFrom().item("never")).subscribe().with(x -> { });
        assertThat(gate.waiting()).isEqualTo(1);
        gone.cancel();
        assertThat(gate.waiting()).isZero();
        UniAssertSubscriber<String> next = gate.run(() -> Uni.createFrom().item("next")).subscribe().withSubscriber(UniAssertSubscriber.create());
        next.assertNotTerminated();
        first.complete("done");
        running.assertItem("done");
        next.assertItem("next");
    }
}
