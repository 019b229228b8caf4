package io.siban.metrics;

import io.smallrye.mutiny.Uni;

import java.util.concurrent.atomic.AtomicLong;

/** Lets a sweep that runs every 250 ms refresh its gauges only at the metrics pace. */
public final class GaugeRefresh {
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

    /** {@code refresh} if the pace has passed since the last one, else nothing. */
    public Uni<Void> atPace(MetricsConfig config, java.util.function.Supplier<Uni<Void>> refresh) {
        long now = System.nanoTime();
        long previous = last.get();
        if (previous != Long.MIN_VALUE && now - previous < config.refreshEvery().toNanos() || !last.compareAndSet(previous, now)) {
            return Uni.createFrom().voidItem();
        }
        return refresh.get();
    }
}
