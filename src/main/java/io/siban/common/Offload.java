package io.siban.common;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * Runs CPU-heavy work (password hashing) on a worker thread and comes back to the caller's Vert.x
 * context, so reactive database calls can follow in the same pipeline.
 */
public final class Offload {
    private Offload() {
    }

    public static <T> Uni<T> cpu(Supplier<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> offloaded = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? offloaded : offloaded.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
