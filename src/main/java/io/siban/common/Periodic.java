package io.siban.common;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs a reactive task at a fixed period on a Vert.x timer, one run at a time: a run still going when
 * the next is due skips that turn, and a run taking longer than its time limit counts as failed so the
 * next turn is not lost. For periods under a second, which Quarkus' simple scheduler does not support
 * (it would run them once a second). Like the scheduler's non-blocking methods, each run gets a fresh
 * duplicated context, so Hibernate Reactive and context-bound code work inside it; unlike them, no
 * request context is active, so tasks must not use request-scoped beans.
 */
public final class Periodic {
    private static final Logger LOG = Logger.getLogger(Periodic.class);
    static final Duration SHORTEST = Duration.ofMillis(10);

    private final Vertx vertx;
    private final String name;
    private final Supplier<Uni<?>> task;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;
    private Duration limit;

    public Periodic(Vertx vertx, String name, Supplier<Uni<?>> task) {
        this.vertx = vertx;
        this.name = name;
        this.task = task;
    }

    /** A sweep of the service: its first run a second after the start, then every {@code every}, each given up after {@code limit}. */
    public static Periodic started(Vertx vertx, String name, Duration every, Duration limit, Supplier<Uni<?>> task) {
        Periodic periodic = new Periodic(vertx, name, task);
        periodic.start(Duration.ofSeconds(1), every, limit);
        return periodic;
    }

    /**
     * Runs the task first after {@code firstAfter}, then every {@code every}; a run is given up after
     * {@code limit}.
     */
    public synchronized void start(Duration firstAfter, Duration every, Duration limit) {
        if (every.compareTo(SHORTEST) < 0) {
            throw new IllegalArgumentException(name + ": a period of " + every + " is too short (at least " + SHORTEST + ")");
        }
        stop();
        this.limit = limit;
        timer = vertx.setPeriodic(Math.max(1, firstAfter.toMillis()), every.toMillis(), this::tick);
    }

    public synchronized void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private synchronized boolean current(long id) {
        return id == timer;
    }

    private void tick(long id) {
        if (!current(id) || !running.compareAndSet(false, true)) {
            return;
        }
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> {
            if (!current(id)) {
                running.set(false);
                return;
            }
            try {
                Uni<?> run = task.get();
                if (run == null) {
                    throw new IllegalStateException("the task gave no Uni");
                }
                run.ifNoItem().after(limit).fail()
                        .subscribe().with(done -> running.set(false), failure -> failed(failure));
            } catch (Throwable failure) {
                failed(failure);
            }
        });
    }

    private void failed(Throwable failure) {
        LOG.warnf("%s failed: %s", name, failure.toString());
        running.set(false);
    }
}
