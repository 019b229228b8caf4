package io.siban.common;

import io.smallrye.mutiny.Uni;

/**
 * Work every instance repeats at the sweep pace (live/Sweeps runs each bean that implements it).
 * A pass that fails is logged and the next pass tries again.
 */
public interface Sweep {
    /** Names the sweep in the log. */
    String name();

    Uni<Void> sweep();
}
