package io.siban.report;

import io.siban.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * At most {@code slots} reads at once; the next ones wait their turn in order (a supervisor board asks
 * for six reports together), and beyond {@code queue} waiting a read is refused with a 503. Reports
 * share the connection pool with issuing and numbering, so a burst of them must queue here, not there.
 */
final class ReadGate {
    private final int slots;
    private final int queue;
    private final ArrayDeque<Turn> waiting = new ArrayDeque<>();
    private int busy;

    private static final class Turn {
        UniEmitter<? super Void> emitter;
        boolean admitted;
    }

    ReadGate(int slots, int queue) {
        this.slots = slots;
        this.queue = queue;
    }

    <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Turn turn = new Turn();
            return Uni.createFrom().<Void>emitter(emitter -> admit(turn, emitter))
                    .chain(ignored -> work.get())
                    .onTermination().invoke(() -> leave(turn));
        });
    }

    private void admit(Turn turn, UniEmitter<? super Void> emitter) {
        boolean now;
        synchronized (this) {
            now = busy < slots;
            if (now) {
                busy++;
                turn.admitted = true;
            } else if (waiting.size() < queue) {
                turn.emitter = emitter;
                waiting.add(turn);
                return;
            }
        }
        if (now) {
            emitter.complete(null);
        } else {
            emitter.fail(ProblemException.unavailable("too many reports are being read right now; try again shortly",
                    Duration.ofSeconds(5)));
        }
    }

    /** A read ended (or was cancelled or refused): its place goes to the next waiting, if any. */
    private void leave(Turn turn) {
        Turn next;
        synchronized (this) {
            if (!turn.admitted) {
                waiting.remove(turn);
                return;
            }
            turn.admitted = false;
            next = waiting.poll();
            if (next == null) {
                busy--;
            } else {
                next.admitted = true;
            }
        }
        if (next != null) {
            next.emitter.complete(null);
        }
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
