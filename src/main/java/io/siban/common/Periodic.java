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
 * the next is due skips that turn. For periods under a second, which Quarkus' simple scheduler does
 * not support (it would run them once a second). Each run gets a fresh duplicated context, as a
 * scheduled reactive method does, so Hibernate Reactive and context-bound code work inside it.
 */
public final class Periodic {
    private static final Logger LOG = Logger.getLogger(Periodic.class);

    private final Vertx vertx;
    private final String name;
    private final Supplier<Uni<?>> task;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long timer = -1;

    public Periodic(Vertx vertx, String name, Supplier<Uni<?>> task) {
        this.vertx = vertx;
        this.name = name;
        this.task = task;
    }

    public synchronized void start(Duration firstAfter, Duration every) {
        stop();
        timer = vertx.setPeriodic(Math.max(1, firstAfter.toMillis()), Math.max(1, every.toMillis()), id -> tick());
    }

    public synchronized void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private void tick() {
        if (timer < 0 || !running.compareAndSet(false, true)) {
            return;
        }
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> {
            Uni<?> run;
            try {
                run = task.get();
            } catch (RuntimeException e) {
                LOG.warnf("%s failed: %s", name, e.toString());
                running.set(false);
                return;
            }
            run.subscribe().with(done -> running.set(false), failure -> {
                LOG.warnf("%s failed: %s", name, failure.toString());
                running.set(false);
            });
        });
    }
}
